package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One statistic's tallies in one scope, cells and totals alike, as disclosure control sees them: every figure a
 * report can publish from it, tied together by its totals. Protecting the whole table at once, both period lengths
 * included, means that no choice of periods, interval or report can expose a figure another one withholds.
 */
public record TallyTable(Statistic statistic, Map<Cell, Tally> tallies) {

    public TallyTable {
        tallies = Map.copyOf(tallies);
    }

    public Published protect(DisclosureControl control) {
        List<Cell> cells = tallies.entrySet().stream()
                .filter(entry -> !entry.getValue().isZero())
                .map(Map.Entry::getKey)
                .toList();
        Map<Cell, Integer> nestings = new HashMap<>();
        cells.forEach(cell -> nestings.put(cell, nesting(cell)));
        cells = cells.stream().sorted(innerFirst(nestings)).toList();
        var figures = new LinkedFigures();
        Map<Cell, Integer> index = new HashMap<>();
        for (Cell cell : cells) {
            index.put(cell, figures.add(tallies.get(cell), nestings.get(cell)));
        }
        Map<Cell, List<Integer>> partsOfRowTotal = new LinkedHashMap<>();
        Map<Cell, List<Integer>> partsOfColumnTotal = new LinkedHashMap<>();
        for (Cell cell : cells) {
            statistic.rows().parent(cell.row()).ifPresent(parent -> partsOfRowTotal
                    .computeIfAbsent(new Cell(parent, cell.column()), total -> new ArrayList<>()).add(index.get(cell)));
            statistic.columns().parent(cell.column()).ifPresent(parent -> partsOfColumnTotal
                    .computeIfAbsent(new Cell(cell.row(), parent), total -> new ArrayList<>()).add(index.get(cell)));
        }
        for (Map<Cell, List<Integer>> sums : List.of(partsOfRowTotal, partsOfColumnTotal)) {
            sums.forEach((total, parts) -> {
                Integer totalIndex = index.get(total);
                if (totalIndex == null) {
                    throw new IllegalStateException("the tallies of " + statistic + " lack a total");
                }
                figures.sum(totalIndex, parts);
            });
        }
        BitSet withheld = control.protect(figures);
        Map<Cell, Figure> published = new HashMap<>();
        index.forEach((cell, figure) -> published.put(cell,
                withheld.get(figure) ? Figure.WITHHELD : Figure.of(tallies.get(cell).people())));
        return new Published(published);
    }

    /** Inner cells first, then by key: the order figures are numbered in, which settles ties the same way every time. */
    private static Comparator<Cell> innerFirst(Map<Cell, Integer> nestings) {
        return Comparator.comparingInt((Cell cell) -> -nestings.get(cell)).thenComparing(Cell::row).thenComparing(Cell::column);
    }

    private int nesting(Cell cell) {
        return statistic.rows().depth(cell.row()) + statistic.columns().depth(cell.column());
    }

    /** A row key and a column key; {@link Axis#ALL} in either names a total. */
    public record Cell(String row, String column) {
    }

    /**
     * The table after disclosure control: any cell or total, zero when nobody is in it; and the keys that have people
     * in them along each dimension, totals excluded, in order.
     */
    public record Published(Map<Cell, Figure> figures, List<String> rowKeys, List<String> columnKeys) {

        public static final Published EMPTY = new Published(Map.of());

        public Published(Map<Cell, Figure> figures) {
            this(Map.copyOf(figures), keys(figures, Cell::row), keys(figures, Cell::column));
        }

        public Figure at(String row, String column) {
            return figures.getOrDefault(new Cell(row, column), Figure.ZERO);
        }

        private static List<String> keys(Map<Cell, Figure> figures, Function<Cell, String> dimension) {
            return figures.keySet().stream().map(dimension).filter(key -> !key.equals(Axis.ALL)).distinct().sorted().toList();
        }
    }
}
