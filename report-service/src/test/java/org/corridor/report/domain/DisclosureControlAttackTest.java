package org.corridor.report.domain;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second reader's attacks on published tables: every table here is protected as report-service protects it, and
 * then the brute-force {@link Attacker} looks for a withheld figure that only one table of whole numbers explains.
 */
class DisclosureControlAttackTest {

    static final DisclosureControl K5 = new DisclosureControl(5);
    static final List<Statistic> DETENTIONS =
            List.of(Statistic.DETAINED, Statistic.FINED, Statistic.REPATRIATED, Statistic.HANDED_TO_EMBASSY);

    /** Protects the table and checks the rule: sensitive figures withheld, zeros shown, nothing recoverable. */
    static TallyTable.Published protectAndAttack(Tables.Builder table, DisclosureControl control) {
        TallyTable tallies = table.table();
        TallyTable.Published published = tallies.protect(control);
        tallies.tallies().forEach((cell, tally) -> {
            Figure figure = published.at(cell.row(), cell.column());
            if (tally.isZero()) {
                assertEquals(Figure.ZERO, figure, cell + " counts nobody");
            } else if (control.sensitive(tally)) {
                assertEquals(Figure.WITHHELD, figure, cell + " counts " + tally);
            } else if (!figure.suppressed()) {
                assertEquals(Figure.of(tally.people()), figure, cell + " is published as counted");
            }
        });
        assertEquals(Set.of(), new Attacker(table, published).recovered(), table.inner().toString());
        return published;
    }

    /**
     * Protects the table of all organisations as report-service shows it to a reader of each organisation, checks the
     * rule, and attacks it as that reader, who holds both its organisation's keys (its analyst reads this table, its
     * coordinator its own) and knows its own figures exactly whatever is published: all organisations less its own is
     * the other organisations together, none of whose sensitive figures (1 to k-1 people, or one group) may be worked
     * out by brute force. Nor may anyone reading the shown table alone work out a sensitive figure of it.
     */
    static Map<String, TallyTable.Published> protectAndAttackAsEachOrganisation(Tables.Organisations organisations,
                                                                                DisclosureControl control) {
        Tables.Builder all = organisations.all();
        TallyTable table = all.table();
        TallyTable.Published alone = table.protect(control);
        Tables.Linked linked = all.linked();
        Map<String, TallyTable.Published> shown = new LinkedHashMap<>();
        for (String reader : organisations.names()) {
            TallyTable own = organisations.of(reader).table();
            TallyTable.Published published = table.protectedFor(own, alone, control);
            var withheld = new BitSet();
            long[] known = new long[linked.cells().size()];
            List<TallyTable.Cell> othersSensitive = new ArrayList<>();
            List<TallyTable.Cell> allSensitive = new ArrayList<>();
            for (int figure = 0; figure < known.length; figure++) {
                TallyTable.Cell cell = linked.cells().get(figure);
                Tally total = table.tallies().get(cell);
                Tally mine = own.tallies().getOrDefault(cell, Tally.ZERO);
                Figure shownFigure = published.at(cell.row(), cell.column());
                if (control.sensitive(total) || control.sensitive(total.minus(mine))) {
                    assertEquals(Figure.WITHHELD, shownFigure, reader + " reads " + cell + " of " + total + ", its own " + mine);
                } else if (!shownFigure.suppressed()) {
                    assertEquals(Figure.of(total.people()), shownFigure, cell + " is published as counted");
                }
                if (shownFigure.suppressed()) {
                    withheld.set(figure);
                }
                known[figure] = mine.people();
                if (control.sensitive(total.minus(mine))) {
                    othersSensitive.add(cell);
                }
                if (control.sensitive(total)) {
                    allSensitive.add(cell);
                }
            }
            List<TallyTable.Cell> byReader = new BruteForceReader(linked.figures(), withheld, known).recovered().stream()
                    .mapToObj(linked.cells()::get).filter(othersSensitive::contains).toList();
            assertEquals(List.of(), byReader, reader + ", all organisations less its own, in " + organisations);
            List<TallyTable.Cell> byOutsider = new BruteForceReader(linked.figures(), withheld).recovered().stream()
                    .mapToObj(linked.cells()::get).filter(allSensitive::contains).toList();
            assertEquals(List.of(), byOutsider, "the table shown to " + reader + " on its own, in " + organisations);
            shown.put(reader, published);
        }
        return shown;
    }

    @Test
    void anOrganisationCannotSubtractItsOwnFiguresFromAllOrganisations() {
        // issue 15: all organisations' female 18-59 (4652) less the reader's own (4649) left the other organisation's 3
        var organisations = new Tables.Organisations(Statistic.SEX_AGE)
                .cell("ours", "female", "18-59", 4649).cell("ours", "male", "18-59", 3988)
                .cell("ours", "female", "0-17", 1210).cell("ours", "male", "0-17", 1175)
                .cell("theirs", "female", "18-59", 3).cell("theirs", "male", "18-59", 41)
                .cell("theirs", "female", "0-17", 26).cell("theirs", "male", "0-17", 30);
        var shown = protectAndAttackAsEachOrganisation(organisations, K5);
        TallyTable.Published toOurs = shown.get("ours");
        assertEquals(Figure.WITHHELD, toOurs.at("female", "18-59"), "4652 - 4649 = 3");
        assertEquals(Figure.of(4649 + 3988 + 1210 + 1175 + 100), toOurs.at(Axis.ALL, Axis.ALL),
                "the other organisation's 100 people are not few");
        assertEquals(Figure.of(4652), shown.get("theirs").at("female", "18-59"),
                "less the 3 it knows, the other organisation's 4649 are not few either");
        assertEquals(organisations.all().table().protect(K5), shown.get("theirs"),
                "what 'theirs' can subtract is large everywhere: it reads the table as anyone would");
    }

    @Test
    void aSmallCellOfTheOthersIsNotAllOrganisationsLessOwnInAnyRowOrColumn() {
        var organisations = new Tables.Organisations(Statistic.OVERVIEW)
                .cell("a", "open", "CN", 20).cell("a", "open", "MN", 14).cell("a", "detained", "CN", 9).cell("a", "detained", "MN", 11)
                .cell("b", "open", "CN", 2).cell("b", "open", "MN", 8).cell("b", "detained", "CN", 7).cell("b", "detained", "MN", 6)
                .cell("c", "open", "MN", 5).cell("c", "detained", "MN", 1);
        var shown = protectAndAttackAsEachOrganisation(organisations, K5);
        assertEquals(Figure.WITHHELD, shown.get("a").at("open", "CN"), "22 less a's 20 leaves b's 2");
        assertEquals(Figure.of(22), shown.get("c").at("open", "CN"), "less c's nothing, 22 is not few");
    }

    @Test
    void aSmallFigureThatOnlyTheReadersOrganisationCountsIsStillWithheldFromIt() {
        // detained TH counts only "a"'s 3: withheld from everyone, "a" included, since a table shown to "a" may be
        // passed on; the others' 0 there is published as any zero is
        var organisations = new Tables.Organisations(Statistic.OVERVIEW)
                .cell("a", "open", "CN", 20).cell("a", "detained", "CN", 9).cell("a", "detained", "TH", 3)
                .cell("b", "open", "CN", 12).cell("b", "open", "TH", 15).cell("b", "detained", "CN", 8);
        var shown = protectAndAttackAsEachOrganisation(organisations, K5);
        assertEquals(Figure.WITHHELD, shown.get("a").at("detained", "TH"));
    }

    @Test
    void noRandomSetOfOrganisationsLetsOneSubtractItsOwnFromAllInAnyTable() {
        var random = new Random(20261128);
        long[] values = {0, 0, 0, 1, 1, 2, 3, 4, 6, 9, 14};
        List<Statistic> statistics = List.of(Statistic.OVERVIEW, Statistic.SEX_AGE, Statistic.VULNERABILITY,
                Statistic.ARRIVED, Statistic.DETAINED, Statistic.FINED, Statistic.REPATRIATED, Statistic.HANDED_TO_EMBASSY);
        for (int round = 0; round < 240; round++) {
            Statistic statistic = statistics.get(round % statistics.size());
            var organisations = new Tables.Organisations(statistic);
            int organisationCount = 2 + random.nextInt(3);
            List<String> rows = statistic.rows() == Axis.PERIOD
                    ? List.of("2023-02", "2023-09", "2024-01", "2024-06", "2025-03").subList(0, 2 + random.nextInt(4))
                    : List.of("R0", "R1", "R2").subList(0, 2 + random.nextInt(2));
            List<String> columns = List.of("C0", "C1", "C2").subList(0, 1 + random.nextInt(3));
            for (int organisation = 0; organisation < organisationCount; organisation++) {
                for (String row : rows) {
                    for (String column : columns) {
                        long people = values[random.nextInt(values.length)];
                        organisations.cell("o" + organisation, row, column, people, random.nextInt(6) == 0 ? 1 : people);
                    }
                }
            }
            protectAndAttackAsEachOrganisation(organisations, new DisclosureControl(3 + random.nextInt(3)));
        }
    }

    @Test
    void aSingleSmallCellInARowIsNotTheRowTotalLessTheRest() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("open", "CN", 3).cell("open", "MN", 40).cell("open", "TH", 22)
                .cell("detained", "CN", 30).cell("detained", "MN", 12).cell("detained", "TH", 17);
        var published = protectAndAttack(table, K5);
        assertEquals(Figure.of(65), published.at("open", Axis.ALL));
        assertEquals(Figure.of(33), published.at(Axis.ALL, "CN"));
    }

    @Test
    void twoSmallCellsThatAreAloneInTheirColumnsAreNotGivenAwayByTheColumnTotals() {
        // the CN and MN columns count only those two cells, so their totals are as small and the grand total less the
        // published TH column leaves only their sum, 5
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 3).cell("detained", "TH", 20)
                .cell("open", "CN", 0).cell("open", "MN", 0).cell("open", "TH", 15);
        var published = protectAndAttack(table, K5);
        assertTrue(published.at(Axis.ALL, "CN").suppressed() && published.at(Axis.ALL, "MN").suppressed());
        assertEquals(Figure.ZERO, published.at("open", "CN"));
    }

    @Test
    void twoSmallCellsOfARowAreNotEachTheirColumnTotalLessTheRestOfTheColumn() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 3).cell("detained", "TH", 20)
                .cell("open", "CN", 10).cell("open", "MN", 12).cell("open", "TH", 15);
        protectAndAttack(table, K5);
    }

    @Test
    void aWithheldOneSqueezedBetweenItsRowAndColumnIsNotPinned() {
        // without secondary suppression: CN+MN = 3 in the detained row and 1+1 = 2 in the CN column make both CN cells 1
        // and detained MN 2 by bounds alone, although no total gives any of them exactly
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 1).cell("detained", "MN", 2).cell("detained", "TH", 10)
                .cell("open", "CN", 1).cell("open", "MN", 8).cell("open", "TH", 9);
        protectAndAttack(table, K5);
    }

    @Test
    void threeOnesInARowAreNotReadOffWhatTheRowTotalLeaves() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 1).cell("detained", "MN", 1).cell("detained", "TH", 1).cell("detained", "LA", 20)
                .cell("open", "CN", 7).cell("open", "MN", 0).cell("open", "TH", 0).cell("open", "LA", 9);
        protectAndAttack(table, K5);
    }

    @Test
    void aTotalThatIsItselfSmallIsWithheldWithEveryCellOfIt() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 1).cell("detained", "MN", 2)
                .cell("open", "CN", 11).cell("open", "MN", 14);
        var published = protectAndAttack(table, K5);
        assertEquals(Figure.WITHHELD, published.at("detained", Axis.ALL));
    }

    @Test
    void anAllZeroRowIsPublishedAsZerosAndChangesNothing() {
        var withZeros = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 9).cell("open", "CN", 7).cell("open", "MN", 6)
                .cell("resettled", "CN", 0).cell("resettled", "MN", 0);
        var without = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 9).cell("open", "CN", 7).cell("open", "MN", 6);
        var published = protectAndAttack(withZeros, K5);
        assertEquals(Figure.ZERO, published.at("resettled", Axis.ALL));
        assertEquals(Figure.ZERO, published.at("resettled", "CN"));
        Map<TallyTable.Cell, Figure> nonZero = new HashMap<>(published.figures());
        nonZero.values().removeIf(Figure.ZERO::equals);
        assertEquals(without.table().protect(K5).figures(), nonZero);
    }

    @Test
    void aTotalEqualToItsOnlyCellIsPublishedWithItOrWithheldWithIt() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 12).cell("detained", "MN", 0)
                .cell("open", "CN", 2).cell("open", "MN", 0)
                .cell("resettled", "CN", 8).cell("resettled", "MN", 6);
        var published = protectAndAttack(table, K5);
        assertEquals(published.at("detained", "CN"), published.at("detained", Axis.ALL));
        assertEquals(Figure.WITHHELD, published.at("open", Axis.ALL), "the open row counts only those 2");
    }

    @Test
    void theOnlyNonZeroCellOfItsRowAndColumnIsNotTheGrandTotalLessEverythingElse() {
        // TH counts the 3 of the returned row alone: cell, row total and column total are one figure, and the grand
        // total less the other rows (or columns) would give it
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("open", "CN", 20).cell("open", "MN", 9)
                .cell("detained", "CN", 12).cell("detained", "MN", 7)
                .cell("returned", "TH", 3);
        var published = protectAndAttack(table, K5);
        assertEquals(Figure.WITHHELD, published.at("returned", Axis.ALL));
        assertEquals(Figure.WITHHELD, published.at(Axis.ALL, "TH"));
    }

    @Test
    void theOnlyNonZeroCellOfATableIsEveryFigureOfIt() {
        var small = protectAndAttack(new Tables.Builder(Statistic.OVERVIEW).cell("detained", "CN", 3), K5);
        assertTrue(small.figures().values().stream().allMatch(Figure::suppressed));
        var oneGroup = protectAndAttack(new Tables.Builder(Statistic.OVERVIEW).cell("detained", "CN", 30, 1), K5);
        assertTrue(oneGroup.figures().values().stream().allMatch(Figure::suppressed), "30 people of one group");
        var large = protectAndAttack(new Tables.Builder(Statistic.OVERVIEW).cell("detained", "CN", 12), K5);
        assertTrue(large.figures().values().stream().noneMatch(Figure::suppressed));
    }

    @Test
    void aLargeGroupWithheldIsNotItsRowTotalLessItsNeighbours() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 30, 1).cell("detained", "MN", 6, 3).cell("detained", "TH", 41, 20)
                .cell("open", "CN", 9, 4).cell("open", "MN", 12, 5).cell("open", "TH", 8, 8);
        var published = protectAndAttack(table, K5);
        assertEquals(Figure.of(77), published.at("detained", Axis.ALL));
    }

    @Test
    void aMonthIsNotItsYearLessTheOtherMonthsNorTheAllYearsTotalLessTheOtherYears() {
        // one country: every period's total across countries is its single cell, so months, years and the overall
        // total are linked along both dimensions at once
        var table = new Tables.Builder(Statistic.DETAINED)
                .cell("2023-04", "CN", 6).cell("2023-09", "CN", 2).cell("2023-12", "CN", 9)
                .cell("2024-01", "CN", 7).cell("2024-05", "CN", 1).cell("2024-06", "CN", 1)
                .cell("2025-02", "CN", 14);
        var published = protectAndAttack(table, K5);
        assertEquals(published.at("2023-09", "CN"), published.at("2023-09", Axis.ALL));
    }

    @Test
    void aYearCountingOnlySmallMonthsIsNotTheOverallTotalLessTheOtherYears() {
        var table = new Tables.Builder(Statistic.DETAINED)
                .cell("2023-03", "CN", 12).cell("2023-03", "MN", 8).cell("2023-07", "CN", 6).cell("2023-07", "MN", 9)
                .cell("2024-02", "CN", 1).cell("2024-08", "MN", 2)
                .cell("2025-01", "CN", 10).cell("2025-01", "MN", 5);
        var published = protectAndAttack(table, K5);
        assertEquals(Figure.WITHHELD, published.at("2024", Axis.ALL), "2024 counts 3 people");
        assertEquals(Figure.of(53), published.at(Axis.ALL, Axis.ALL));
    }

    @Test
    void detentionsArePeriodByCountryByKindAndEveryKindIsSafeOnItsOwn() {
        // kinds do not add up (a person can be detained and fined), so report-service publishes totals per kind only and
        // each kind's table is protected on its own: no sum links two kinds
        var random = new Random(61);
        List<String> months = List.of("2024-10", "2024-11", "2024-12", "2025-01", "2025-02");
        for (Statistic kind : DETENTIONS) {
            var table = new Tables.Builder(kind);
            for (String month : months) {
                for (String country : List.of("CN", "MN", "TH")) {
                    long people = random.nextInt(3) == 0 ? 0 : random.nextInt(9);
                    table.cell(month, country, people, Math.max(1, people - random.nextInt(2)));
                }
            }
            protectAndAttack(table, K5);
        }
    }

    @Test
    void aVulnerabilityAloneInItsRowIsWithheldWithItsTotal() {
        var table = new Tables.Builder(Statistic.VULNERABILITY)
                .cell("pregnant", "detained", 3).cell("elderly", "detained", 9).cell("elderly", "open", 14);
        var published = protectAndAttack(table, K5);
        assertEquals(Figure.WITHHELD, published.at("pregnant", Axis.ALL));
    }

    @Test
    void theThresholdIsHonouredForEveryAllowedK() {
        for (int k = DisclosureControl.MINIMUM_K; k <= 10; k++) {
            var control = new DisclosureControl(k);
            assertTrue(control.sensitive(new Tally(k - 1, k - 1)));
            assertFalse(control.sensitive(new Tally(k, 2)));
            protectAndAttack(new Tables.Builder(Statistic.OVERVIEW)
                    .cell("detained", "CN", k - 1).cell("detained", "MN", k).cell("detained", "TH", 3L * k)
                    .cell("open", "CN", k).cell("open", "MN", 1).cell("open", "TH", 2L * k), control);
        }
    }

    @Test
    void noRandomTableOverSeveralYearsGivesAWithheldFigureAway() {
        var random = new Random(20261124);
        long[] values = {0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 7, 12};
        for (int round = 0; round < 200; round++) {
            var table = new Tables.Builder(DETENTIONS.get(round % DETENTIONS.size()));
            int countries = 1 + random.nextInt(3);
            for (int month = 0; month < 4 + random.nextInt(9); month++) {
                for (int country = 0; country < countries; country++) {
                    long people = values[random.nextInt(values.length)];
                    table.cell("%d-%02d".formatted(2023 + month / 4, 1 + month % 4 * 3), "C" + country, people,
                            random.nextInt(6) == 0 ? 1 : people);
                }
            }
            var linked = table.linked();
            var control = new DisclosureControl(3 + random.nextInt(3));
            BitSet withheld = control.protect(linked.figures());
            assertEquals(new BitSet(), new BruteForceReader(linked.figures(), withheld).recovered(),
                    "round " + round + ": " + table.inner());
        }
    }

    @Test
    void detentionsOfSixtyMonthsSevenCountriesAndFourKindsAreProtectedQuickly() {
        var random = new Random(60);
        List<TallyTable> tables = DETENTIONS.stream().map(kind -> {
            var table = new Tables.Builder(kind);
            for (int month = 0; month < 60; month++) {
                for (String country : List.of("CN", "MN", "VN", "LA", "TH", "KR", "RU")) {
                    table.cell("%d-%02d".formatted(2021 + month / 12, 1 + month % 12), country,
                            random.nextInt(3) == 0 ? 1 + random.nextInt(8) : 0);
                }
            }
            return table.table();
        }).toList();
        tables.forEach(table -> table.protect(K5));
        long start = System.nanoTime();
        int withheld = 0;
        for (TallyTable table : tables) {
            withheld += (int) table.protect(K5).figures().values().stream().filter(Figure::suppressed).count();
        }
        System.out.printf("60 months x 7 countries x 4 kinds: %d figures withheld in %d ms%n", withheld,
                (System.nanoTime() - start) / 1_000_000);
        assertTrue(withheld > 0);
    }

    /**
     * What one publication of the four detention kinds costs in CPU when the analysts of twenty organisations read
     * them: each kind's table of all organisations protected once on its own, then once more for each organisation's
     * reader (the others' table protected on its own). Cells of an organisation are non-zero with probability 1/12,
     * 1 to 8 people: many small figures.
     */
    @Test
    void detentionsOfTwentyOrganisationsAreProtectedForEachOrganisationsReader() {
        var random = new Random(20);
        List<Tables.Organisations> kinds = DETENTIONS.stream().map(kind -> {
            var organisations = new Tables.Organisations(kind);
            for (int organisation = 1; organisation <= 20; organisation++) {
                for (int month = 0; month < 60; month++) {
                    for (String country : List.of("CN", "MN", "VN", "LA", "TH", "KR", "RU")) {
                        if (random.nextInt(12) == 0) {
                            organisations.cell("org-" + organisation, "%d-%02d".formatted(2021 + month / 12, 1 + month % 12),
                                    country, 1 + random.nextInt(8));
                        }
                    }
                }
            }
            return organisations;
        }).toList();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 3; run++) {
            long start = cpu.getCurrentThreadCpuTime();
            long alone = 0;
            int withheld = 0;
            for (Tables.Organisations organisations : kinds) {
                TallyTable table = organisations.all().table();
                long before = cpu.getCurrentThreadCpuTime();
                TallyTable.Published protectedAlone = table.protect(K5);
                alone += cpu.getCurrentThreadCpuTime() - before;
                for (String reader : organisations.names()) {
                    withheld += (int) table.protectedFor(organisations.of(reader).table(), protectedAlone, K5)
                            .figures().values().stream().filter(Figure::suppressed).count();
                }
            }
            long total = cpu.getCurrentThreadCpuTime() - start;
            System.out.printf("run %d: 60 months x 7 countries x 4 kinds, 20 organisations' readers: %d ms of CPU per "
                    + "publication (all organisations' tables alone: %d ms); %d figures withheld in the 80 tables shown%n",
                    run, total / 1_000_000, alone / 1_000_000, withheld);
            assertTrue(withheld > 0);
        }
    }
}
