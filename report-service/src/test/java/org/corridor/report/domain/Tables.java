package org.corridor.report.domain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                    leaves.computeIfAbsent(new TallyTable.Cell(key.row(), key.column()), k -> new java.util.ArrayList<>()).add(cell)));
            return leaves;
        }

        TallyTable table() {
            Map<TallyTable.Cell, Tally> tallies = new HashMap<>();
            leavesOf().forEach((cell, leaves) -> tallies.put(cell, new Tally(
                    leaves.stream().mapToLong(leaf -> inner.get(leaf).people()).sum(),
                    leaves.stream().mapToLong(leaf -> inner.get(leaf).cases()).sum())));
            return new TallyTable(statistic, tallies);
        }
    }
}
