package org.corridor.report.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Recoverability} checked against the brute-force reader on withheld figures chosen by hand or at random, not
 * by disclosure control: whatever it calls safe must be safe, and what a reader can work out it must expose.
 */
class RecoverabilityTest {

    /** The withheld figures of a table: the cells named as row, column pairs. */
    static BitSet withheld(Tables.Linked linked, String... rowsAndColumns) {
        var withheld = new BitSet();
        for (int pair = 0; pair < rowsAndColumns.length; pair += 2) {
            int figure = linked.cells().indexOf(new TallyTable.Cell(rowsAndColumns[pair], rowsAndColumns[pair + 1]));
            assertTrue(figure >= 0, rowsAndColumns[pair] + " × " + rowsAndColumns[pair + 1] + " is a non-zero figure");
            withheld.set(figure);
        }
        return withheld;
    }

    static void assertExposedAndRecovered(Tables.Linked linked, BitSet withheld) {
        assertTrue(new BruteForceReader(linked.figures(), withheld).recovered().intersects(withheld), "the reader works one out");
        assertTrue(Recoverability.exposed(linked.figures(), withheld).intersects(withheld));
    }

    static void assertSafe(Tables.Linked linked, BitSet withheld) {
        assertEquals(new BitSet(), new BruteForceReader(linked.figures(), withheld).recovered());
        assertEquals(new BitSet(), Recoverability.exposed(linked.figures(), withheld));
    }

    @Test
    void aCellAloneWithheldInItsRowIsItsTotalLessTheRest() {
        var linked = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 9).cell("open", "CN", 7).cell("open", "MN", 6).linked();
        assertExposedAndRecovered(linked, withheld(linked, "detained", "CN"));
    }

    @Test
    void twoCellsOfARowEachAloneWithheldInItsColumnAreExposed() {
        var linked = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 3).cell("detained", "TH", 20)
                .cell("open", "CN", 10).cell("open", "MN", 12).cell("open", "TH", 15).linked();
        assertExposedAndRecovered(linked, withheld(linked, "detained", "CN", "detained", "MN"));
    }

    @Test
    void twoWithheldOnesThatMustAddUpToTwoAreExposed() {
        var linked = new Tables.Builder(Statistic.VULNERABILITY)
                .cell("pregnant", "detained", 1).cell("pregnant", "open", 1).cell("pregnant", "in-transit", 10).linked();
        assertExposedAndRecovered(linked, withheld(linked, "pregnant", "detained", "pregnant", "open"));
    }

    @Test
    void aWithheldTwoIsPinnedWhenItsNeighboursAreOnesThatCannotFall() {
        // CN: 1 + 1 = 2 pins both ones; then the detained row leaves MN exactly 3 - 1 = 2
        var linked = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 1).cell("detained", "MN", 2).cell("detained", "TH", 10)
                .cell("open", "CN", 1).cell("open", "MN", 8).cell("open", "TH", 9).linked();
        BitSet withheld = withheld(linked, "detained", "CN", "detained", "MN", "open", "CN", "open", "MN");
        BitSet recovered = new BruteForceReader(linked.figures(), withheld).recovered();
        assertTrue(recovered.get(linked.cells().indexOf(new TallyTable.Cell("detained", "MN"))));
        BitSet missed = (BitSet) recovered.clone();
        missed.andNot(Recoverability.exposed(linked.figures(), withheld));
        assertEquals(new BitSet(), missed);
    }

    @Test
    void aBlockOfFourWithheldCellsLeavesEachOfThemFree() {
        var linked = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 3).cell("detained", "TH", 20)
                .cell("open", "CN", 4).cell("open", "MN", 2).cell("open", "TH", 15).linked();
        assertSafe(linked, withheld(linked, "detained", "CN", "detained", "MN", "open", "CN", "open", "MN"));
    }

    @Test
    void withheldFiguresTiedOnlyToOneAnotherCanAllBeScaledUp() {
        // the pregnant row counts only its detained cell, and vulnerabilities have no total across them: the cell and
        // its row total equal each other and nothing published
        var linked = new Tables.Builder(Statistic.VULNERABILITY)
                .cell("pregnant", "detained", 1).cell("elderly", "detained", 9).cell("elderly", "open", 14).linked();
        assertSafe(linked, withheld(linked, "pregnant", "detained", "pregnant", "*"));
    }

    @Test
    void aMonthWithheldWithItsWholeRowIsItsYearLessTheOtherMonths() {
        var linked = new Tables.Builder(Statistic.ARRIVED)
                .cell("2024-03", "CN", 2).cell("2024-03", "MN", 3).cell("2024-08", "CN", 9).cell("2024-08", "MN", 11)
                .cell("2025-01", "CN", 6).linked();
        assertExposedAndRecovered(linked, withheld(linked, "2024-03", "CN", "2024-03", "MN", "2024-03", "*"));
    }

    @Test
    void whatRecoverabilityCallsSafeARandomReaderCannotWorkOut() {
        var random = new Random(20261124);
        long[] values = {0, 0, 1, 1, 1, 2, 2, 3, 4, 6, 9};
        for (int round = 0; round < 1500; round++) {
            Tables.Builder table = randomTable(random, values, round % 3);
            var linked = table.linked();
            LinkedFigures figures = linked.figures();
            var withheld = new BitSet();
            double share = 0.2 + 0.6 * random.nextDouble();
            IntStream.range(0, figures.size()).filter(figure -> random.nextDouble() < share).forEach(withheld::set);
            withNoFigureAloneInASum(figures, withheld, random);
            BitSet missed = new BruteForceReader(figures, withheld).recovered();
            missed.andNot(Recoverability.exposed(figures, withheld));
            assertEquals(new BitSet(), missed, "round " + round + ": " + table.inner() + " withheld " + withheld);
        }
    }

    private static Tables.Builder randomTable(Random random, long[] values, int shape) {
        Tables.Builder table;
        switch (shape) {
            case 0 -> {
                table = new Tables.Builder(Statistic.OVERVIEW);
                int statuses = 2 + random.nextInt(3);
                int countries = 2 + random.nextInt(3);
                for (int status = 0; status < statuses; status++) {
                    for (int country = 0; country < countries; country++) {
                        table.cell("S" + status, "C" + country, values[random.nextInt(values.length)]);
                    }
                }
            }
            case 1 -> {
                table = new Tables.Builder(Statistic.DETAINED);
                int countries = 1 + random.nextInt(3);
                for (String month : List.of("2023-05", "2023-11", "2024-01", "2024-02", "2024-07", "2025-03")) {
                    for (int country = 0; country < countries; country++) {
                        table.cell(month, "C" + country, random.nextBoolean() ? 0 : values[random.nextInt(values.length)]);
                    }
                }
            }
            default -> {
                table = new Tables.Builder(Statistic.VULNERABILITY);
                for (int vulnerability = 0; vulnerability < 3; vulnerability++) {
                    for (int status = 0; status < 3; status++) {
                        table.cell("V" + vulnerability, "S" + status, values[random.nextInt(values.length)]);
                    }
                }
            }
        }
        return table;
    }

    /**
     * Withholds a random published member of every sum with a single withheld figure until there is none, so that
     * {@link Recoverability} answers with the elimination rather than the figures alone in a sum.
     */
    private static void withNoFigureAloneInASum(LinkedFigures figures, BitSet withheld, Random random) {
        for (boolean changed = true; changed; ) {
            changed = false;
            for (LinkedFigures.Sum sum : figures.sums()) {
                List<Integer> members = new ArrayList<>(List.of(sum.total()));
                IntStream.of(sum.parts()).forEach(members::add);
                List<Integer> published = members.stream().filter(member -> !withheld.get(member)).toList();
                if (members.size() - published.size() == 1 && !published.isEmpty()) {
                    withheld.set(published.get(random.nextInt(published.size())));
                    changed = true;
                }
            }
        }
    }
}
