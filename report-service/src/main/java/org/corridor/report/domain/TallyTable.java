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

    /** Inner cells first, then by key: the order figures are numbered in, which settles ties the same way every time. */
    private static final Comparator<Nested> INNER_FIRST = Comparator.comparingInt((Nested nested) -> -nested.nesting())
            .thenComparing(nested -> nested.cell().row()).thenComparing(nested -> nested.cell().column());

    public TallyTable {
        tallies = Map.copyOf(tallies);
    }

    public Published protect(DisclosureControl control) {
        List<Nested> cells = tallies.entrySet().stream()
                .filter(entry -> !entry.getValue().isZero())
                .map(entry -> new Nested(entry.getKey(), nesting(entry.getKey()), entry.getValue()))
                .sorted(INNER_FIRST)
                .toList();
        var figures = new LinkedFigures();
        Map<Cell, Integer> index = HashMap.newHashMap(cells.size());
        for (Nested nested : cells) {
            index.put(nested.cell(), figures.add(nested.tally(), nested.nesting()));
        }
        Map<Cell, List<Integer>> partsOfRowTotal = new LinkedHashMap<>();
        Map<Cell, List<Integer>> partsOfColumnTotal = new LinkedHashMap<>();
        for (Nested nested : cells) {
            Cell cell = nested.cell();
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

    /**
     * This table of all organisations as shown to a reader of one organisation, who knows {@code own}, that
     * organisation's table, exactly whatever is published: such a reader can subtract it from what this table
     * publishes and read the table of the other organisations together. A figure is withheld where {@code alone}, this
     * table protected on its own, withholds it (what anyone reading this table alone must not work out), and where the
     * others' table (this one less {@code own}) protected on its own withholds it. Withholding more than a protection
     * asks for only hides more from a reader, so neither reader can work out a figure either protection withholds:
     * neither an outsider this table's small figures, nor the reader the others' small figures.
     */
    public Published protectedFor(TallyTable own, Published alone, DisclosureControl control) {
        if (own.statistic != statistic) {
            throw new IllegalArgumentException("an organisation's table of " + own.statistic + " is not part of " + statistic);
        }
        Map<Cell, Tally> others = new HashMap<>();
        tallies.forEach((cell, tally) -> others.put(cell, tally.minus(own.tallies.getOrDefault(cell, Tally.ZERO))));
        own.tallies.forEach((cell, tally) -> {
            if (!tally.isZero() && !tallies.containsKey(cell)) {
                throw new IllegalArgumentException("an organisation's table counts people that all organisations' lacks");
            }
        });
        Published othersProtected = new TallyTable(statistic, others).protect(control);
        Map<Cell, Figure> published = new HashMap<>();
        tallies.forEach((cell, tally) -> {
            if (!tally.isZero()) {
                boolean withheld = alone.at(cell.row(), cell.column()).suppressed()
                        || othersProtected.at(cell.row(), cell.column()).suppressed();
                published.put(cell, withheld ? Figure.WITHHELD : Figure.of(tally.people()));
            }
        });
        return new Published(published);
    }

    /** A non-zero cell with its tally and how many totals it is part of, so that sorting looks nothing up. */
    private record Nested(Cell cell, int nesting, Tally tally) {
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
