package org.corridor.report.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
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

        /** Every scope's tallies: each organisation's, and all organisations' together. */
        Map<Scope, TallyTable> tables() {
            var all = new Builder(statistic);
            Map<TallyTable.Cell, Tally> sum = new LinkedHashMap<>();
            organisations.values().forEach(each -> each.inner().forEach((cell, tally) -> sum.merge(cell, tally, Tally::plus)));
            sum.forEach((cell, tally) -> all.cell(cell.row(), cell.column(), tally.people(), tally.cases()));
            Map<Scope, TallyTable> tables = new LinkedHashMap<>();
            tables.put(Scope.ALL, all.table());
            organisations.forEach((name, each) -> tables.put(Scope.of(name), each.table()));
            return tables;
        }

        /**
         * What a reader of every scope can combine, built here independently of report-service: the non-zero figures
         * of every scope, each table's totals, and each figure of all organisations as the sum of the organisations'.
         */
        Scoped linked() {
            var figures = new LinkedFigures();
            List<ScopedCell> cells = new ArrayList<>();
            Map<ScopedCell, Integer> index = new HashMap<>();
            Map<Scope, TallyTable> tables = tables();
            tables.forEach((scope, table) -> {
                Map<TallyTable.Cell, Tally> tallies = table.tallies();
                tallies.keySet().stream().filter(cell -> !tallies.get(cell).isZero())
                        .sorted(Comparator.comparing(TallyTable.Cell::row).thenComparing(TallyTable.Cell::column))
                        .forEach(cell -> {
                            var scoped = new ScopedCell(scope, cell);
                            index.put(scoped, figures.add(tallies.get(cell), 0));
                            cells.add(scoped);
                        });
            });
            record Sum(ScopedCell total, String along) {
            }
            Map<Sum, List<Integer>> sums = new LinkedHashMap<>();
            for (ScopedCell scoped : cells) {
                Scope scope = scoped.scope();
                TallyTable.Cell cell = scoped.cell();
                statistic.rows().parent(cell.row()).ifPresent(row -> sums.computeIfAbsent(
                        new Sum(new ScopedCell(scope, new TallyTable.Cell(row, cell.column())), "rows"),
                        total -> new ArrayList<>()).add(index.get(scoped)));
                statistic.columns().parent(cell.column()).ifPresent(column -> sums.computeIfAbsent(
                        new Sum(new ScopedCell(scope, new TallyTable.Cell(cell.row(), column)), "columns"),
                        total -> new ArrayList<>()).add(index.get(scoped)));
                if (!scope.equals(Scope.ALL)) {
                    sums.computeIfAbsent(new Sum(new ScopedCell(Scope.ALL, cell), "organisations"),
                            total -> new ArrayList<>()).add(index.get(scoped));
                }
            }
            sums.forEach((sum, parts) -> figures.sum(index.get(sum.total()), parts));
            return new Scoped(figures, cells);
        }
    }

    /** A cell of one scope's table. */
    record ScopedCell(Scope scope, TallyTable.Cell cell) {
    }

    /** Every scope's figures as a reader of them all can link them, and the scoped cell each figure stands for. */
    record Scoped(LinkedFigures figures, List<ScopedCell> cells) {

        /** The figures that {@code published} withholds. */
        BitSet withheld(Map<Scope, TallyTable.Published> published) {
            var withheld = new BitSet();
            for (int figure = 0; figure < cells.size(); figure++) {
                ScopedCell scoped = cells.get(figure);
                if (published.get(scoped.scope()).at(scoped.cell().row(), scoped.cell().column()).suppressed()) {
                    withheld.set(figure);
                }
            }
            return withheld;
        }
    }
}
