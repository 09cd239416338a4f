package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tables for tests, written as their inner cells; the totals are added as report-service tallies them. */
final class Tables {

    private Tables() {
    }

    /** Inner cells of a statistic, each made of {@code cases} distinct cases. */
    static final class Builder {
        private final Statistic statistic;
        private final Map<TallyTable.Cell, Tally> inner = new LinkedHashMap<>();

        Builder(Statistic statistic) {
            this.statistic = statistic;
        }

        Builder cell(String row, String column, long people, long cases) {
            inner.put(new TallyTable.Cell(row, column), new Tally(people, people == 0 ? 0 : cases));
            return this;
        }

        /** A cell of {@code people} people in as many cases (one person each). */
        Builder cell(String row, String column, long people) {
            return cell(row, column, people, people);
        }

        Map<TallyTable.Cell, Tally> inner() {
            return inner;
        }

        /** Every tallied cell, totals included, with the inner cells that add up to it. */
        Map<TallyTable.Cell, List<TallyTable.Cell>> leavesOf() {
            Map<TallyTable.Cell, List<TallyTable.Cell>> leaves = new LinkedHashMap<>();
            inner.keySet().forEach(cell -> statistic.keysCounting("*", cell.row(), cell.column()).forEach(key ->
                    leaves.computeIfAbsent(new TallyTable.Cell(key.row(), key.column()), k -> new ArrayList<>()).add(cell)));
            return leaves;
        }

        TallyTable table() {
            Map<TallyTable.Cell, Tally> tallies = new HashMap<>();
            leavesOf().forEach((cell, leaves) -> tallies.put(cell, new Tally(
                    leaves.stream().mapToLong(leaf -> inner.get(leaf).people()).sum(),
                    leaves.stream().mapToLong(leaf -> inner.get(leaf).cases()).sum())));
            return new TallyTable(statistic, tallies);
        }

        /**
         * The non-zero figures, cells and totals, as linked figures in the order of {@code cells}: each total the sum
         * of the figures one step inside it along either dimension.
         */
        Linked linked() {
            Map<TallyTable.Cell, Tally> tallies = table().tallies();
            List<TallyTable.Cell> cells = tallies.keySet().stream().filter(cell -> !tallies.get(cell).isZero())
                    .sorted(Comparator.comparing(TallyTable.Cell::row).thenComparing(TallyTable.Cell::column)).toList();
            var figures = new LinkedFigures();
            Map<TallyTable.Cell, Integer> index = new HashMap<>();
            cells.forEach(cell -> index.put(cell, figures.add(tallies.get(cell),
                    statistic.rows().depth(cell.row()) + statistic.columns().depth(cell.column()))));
            Map<TallyTable.Cell, List<Integer>> partsAcrossRows = new LinkedHashMap<>();
            Map<TallyTable.Cell, List<Integer>> partsAcrossColumns = new LinkedHashMap<>();
            for (TallyTable.Cell cell : cells) {
                statistic.rows().parent(cell.row()).ifPresent(row -> partsAcrossRows
                        .computeIfAbsent(new TallyTable.Cell(row, cell.column()), total -> new ArrayList<>()).add(index.get(cell)));
                statistic.columns().parent(cell.column()).ifPresent(column -> partsAcrossColumns
                        .computeIfAbsent(new TallyTable.Cell(cell.row(), column), total -> new ArrayList<>()).add(index.get(cell)));
            }
            for (var sums : List.of(partsAcrossRows, partsAcrossColumns)) {
                sums.forEach((total, parts) -> figures.sum(index.get(total), parts));
            }
            return new Linked(figures, cells);
        }
    }

    /** A table's figures as disclosure control links them, and the cell each figure stands for. */
    record Linked(LinkedFigures figures, List<TallyTable.Cell> cells) {
    }

    /**
     * One statistic's inner cells in several organisations; the table of all organisations is their sum, tallied as
     * report-service tallies it.
     */
    static final class Organisations {
        private final Statistic statistic;
        private final Map<String, Builder> organisations = new LinkedHashMap<>();

        Organisations(Statistic statistic) {
            this.statistic = statistic;
        }

        /** A cell of {@code people} people in as many cases, in {@code organisation}'s figures. */
        Organisations cell(String organisation, String row, String column, long people) {
            return cell(organisation, row, column, people, people);
        }

        Organisations cell(String organisation, String row, String column, long people, long cases) {
            organisations.computeIfAbsent(organisation, name -> new Builder(statistic)).cell(row, column, people, cases);
            return this;
        }

        Set<String> names() {
            return organisations.keySet();
        }

        Builder of(String organisation) {
            return organisations.get(organisation);
        }

        /** The inner cells of all organisations together. */
        Builder all() {
            Map<TallyTable.Cell, Tally> sum = new LinkedHashMap<>();
            organisations.values().forEach(each -> each.inner().forEach((cell, tally) -> sum.merge(cell, tally, Tally::plus)));
            var all = new Builder(statistic);
            sum.forEach((cell, tally) -> all.cell(cell.row(), cell.column(), tally.people(), tally.cases()));
            return all;
        }

        @Override
        public String toString() {
            Map<String, Map<TallyTable.Cell, Tally>> inner = new LinkedHashMap<>();
            organisations.forEach((name, each) -> inner.put(name, each.inner()));
            return inner.toString();
        }
    }
}
