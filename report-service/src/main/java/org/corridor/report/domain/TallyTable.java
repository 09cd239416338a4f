package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statistic's tallies in one scope, cells and totals alike, as disclosure control sees them: every figure a
 * report can publish from it, tied together by its totals. Protecting the whole table at once, both period lengths
 * included, means that no choice of periods, interval or report can expose a figure another one withholds.
 */
public record TallyTable(Statistic statistic, Map<Cell, Tally> tallies) {

    public TallyTable {
        tallies = Map.copyOf(tallies);
    }

    /** The keys that have people in them along one dimension, totals excluded. */
    public List<String> rowKeys() {
        return tallies.keySet().stream().map(Cell::row).filter(key -> !key.equals(Axis.ALL)).distinct().sorted().toList();
    }

    public List<String> columnKeys() {
        return tallies.keySet().stream().map(Cell::column).filter(key -> !key.equals(Axis.ALL)).distinct().sorted().toList();
    }

    public Published protect(DisclosureControl control) {
        List<Cell> cells = tallies.entrySet().stream()
                .filter(entry -> !entry.getValue().isZero())
                .map(Map.Entry::getKey)
                .sorted(innerFirst())
                .toList();
        var figures = new LinkedFigures();
        Map<Cell, Integer> index = new HashMap<>();
        for (Cell cell : cells) {
            index.put(cell, figures.add(tallies.get(cell), nesting(cell)));
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
    private Comparator<Cell> innerFirst() {
        return Comparator.comparingInt((Cell cell) -> -nesting(cell)).thenComparing(Cell::row).thenComparing(Cell::column);
    }

    private int nesting(Cell cell) {
        return statistic.rows().depth(cell.row()) + statistic.columns().depth(cell.column());
    }

    /** A row key and a column key; {@link Axis#ALL} in either names a total. */
    public record Cell(String row, String column) {
    }

    /** The table after disclosure control: any cell or total, zero when nobody is in it. */
    public record Published(Map<Cell, Figure> figures) {

        public Figure at(String row, String column) {
            return figures.getOrDefault(new Cell(row, column), Figure.ZERO);
        }
    }
}
