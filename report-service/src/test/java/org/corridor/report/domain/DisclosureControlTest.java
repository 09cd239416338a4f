package org.corridor.report.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DisclosureControlTest {

    static final DisclosureControl K5 = new DisclosureControl(5);

    @Test
    void kBelowThreeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DisclosureControl(2));
        assertThrows(IllegalArgumentException.class, () -> new DisclosureControl(0));
        assertEquals(3, new DisclosureControl(3).k());
    }

    @Test
    void smallFiguresAndSingleGroupsAreSensitiveZeroIsNot() {
        assertFalse(K5.sensitive(Tally.ZERO));
        assertTrue(K5.sensitive(new Tally(1, 1)));
        assertTrue(K5.sensitive(new Tally(4, 4)));
        assertFalse(K5.sensitive(new Tally(5, 2)));
        assertTrue(K5.sensitive(new Tally(30, 1)), "thirty people of one group describe that group");
    }

    @Test
    void aSmallCellIsWithheldAndCannotBeRecoveredFromItsRowOrColumnTotal() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 9).cell("detained", "TH", 12)
                .cell("in-transit", "CN", 7).cell("in-transit", "MN", 6).cell("in-transit", "TH", 8);
        var published = table.table().protect(K5);

        assertEquals(Figure.WITHHELD, published.at("detained", "CN"));
        assertEquals(Figure.of(23), published.at("detained", Axis.ALL), "the row total is published");
        assertTrue(published.at("detained", "MN").suppressed(), "the next smallest of the row is withheld with it");
        assertTrue(published.at("in-transit", "CN").suppressed() && published.at("in-transit", "MN").suppressed(),
                "and in their columns, so that neither column gives them away");
        assertEquals(Figure.of(12), published.at("detained", "TH"));
        assertEquals(Set.of(), new Attacker(table, published).recovered());
    }

    @Test
    void withoutSecondarySuppressionTheAttackerRecoversTheCellFromItsTotals() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 2).cell("detained", "MN", 9).cell("in-transit", "CN", 7).cell("in-transit", "MN", 6);
        Map<TallyTable.Cell, Figure> primaryOnly = new HashMap<>();
        table.leavesOf().forEach((cell, leaves) -> primaryOnly.put(cell, Figure.of(1)));
        primaryOnly.put(new TallyTable.Cell("detained", "CN"), Figure.WITHHELD);
        assertEquals(Set.of(new TallyTable.Cell("detained", "CN")),
                new Attacker(table, new TallyTable.Published(primaryOnly)).recovered(), "11 - 9 = 2");
    }

    @Test
    void aTwoByTwoBlockIsWithheldWholeAndEveryTotalStaysPublished() {
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("in-transit", "CN", 12, 3).cell("in-transit", "MN", 7, 2)
                .cell("detained", "CN", 7, 2).cell("detained", "MN", 2, 1);
        var published = table.table().protect(K5);
        for (String status : List.of("in-transit", "detained")) {
            for (String country : List.of("CN", "MN")) {
                assertEquals(Figure.WITHHELD, published.at(status, country));
            }
        }
        assertEquals(Figure.of(19), published.at("in-transit", Axis.ALL));
        assertEquals(Figure.of(9), published.at("detained", Axis.ALL));
        assertEquals(Figure.of(19), published.at(Axis.ALL, "CN"));
        assertEquals(Figure.of(9), published.at(Axis.ALL, "MN"));
        assertEquals(Figure.of(28), published.at(Axis.ALL, Axis.ALL));
        assertEquals(Set.of(), new Attacker(table, published).recovered());
    }

    @Test
    void zeroIsPublishedAsZero() {
        var table = new Tables.Builder(Statistic.OVERVIEW).cell("detained", "CN", 0).cell("detained", "MN", 12)
                .cell("open", "MN", 6);
        var published = table.table().protect(K5);
        assertEquals(Figure.ZERO, published.at("detained", "CN"));
        assertEquals(Figure.of(12), published.at("detained", "MN"));
    }

    @Test
    void aTotalUnderKIsWithheldAndItsOnlyCellWithIt() {
        var table = new Tables.Builder(Statistic.OVERVIEW).cell("detained", "LA", 3).cell("open", "LA", 0)
                .cell("detained", "CN", 20).cell("open", "CN", 9);
        var published = table.table().protect(K5);
        assertTrue(published.at("detained", "LA").suppressed());
        assertTrue(published.at(Axis.ALL, "LA").suppressed(), "the LA column counts only those 3");
        assertEquals(Set.of(), new Attacker(table, published).recovered());
    }

    @Test
    void twoOnesInARowCannotBeReadOffTheRowTotal() {
        // 1 + 1 = row total - published cells: a reader knowing withheld figures are at least 1 would get both
        var table = new Tables.Builder(Statistic.OVERVIEW)
                .cell("detained", "CN", 1).cell("detained", "MN", 1).cell("detained", "TH", 10)
                .cell("open", "CN", 8).cell("open", "MN", 9).cell("open", "TH", 10);
        var published = table.table().protect(K5);
        assertTrue(published.at("detained", "CN").suppressed() && published.at("detained", "MN").suppressed());
        assertEquals(Set.of(), new Attacker(table, published).recovered());
    }

    @Test
    void aGroupOfThirtyAloneInACellIsWithheld() {
        var table = new Tables.Builder(Statistic.OVERVIEW).cell("detained", "CN", 30, 1).cell("detained", "MN", 8, 3)
                .cell("open", "CN", 12, 4).cell("open", "MN", 9, 5);
        var published = table.table().protect(K5);
        assertTrue(published.at("detained", "CN").suppressed());
        assertEquals(Set.of(), new Attacker(table, published).recovered());
    }

    @Test
    void vulnerabilitiesOverlapSoOnlyTheirStatusTotalsBindThem() {
        var table = new Tables.Builder(Statistic.VULNERABILITY)
                .cell("pregnant", "detained", 2).cell("pregnant", "in-transit", 9).cell("elderly", "detained", 7);
        var published = table.table().protect(K5);
        assertTrue(published.at("pregnant", "detained").suppressed());
        assertTrue(published.at("pregnant", "in-transit").suppressed(), "the pregnant row total would give it away");
        assertEquals(Figure.of(7), published.at("elderly", "detained"));
        assertEquals(Set.of(), new Attacker(table, published).recovered());
    }

    @Test
    void aMonthWithheldCannotBeRecoveredFromItsYearAcrossATurnOfTheYear() {
        // months and years are published from one protected table: December 2024 and January 2025 withheld as a pair
        // in the KR column would otherwise be given away by the 2024 total
        var table = new Tables.Builder(Statistic.ARRIVED)
                .cell("2024-11", "KR", 9).cell("2024-12", "KR", 2)
                .cell("2025-01", "KR", 6).cell("2025-02", "KR", 11)
                .cell("2024-11", "TH", 5).cell("2024-12", "TH", 6).cell("2025-01", "TH", 7);
        var published = table.table().protect(K5);
        assertTrue(published.at("2024-12", "KR").suppressed());
        assertEquals(Set.of(), new Attacker(table, published).recovered());
    }

    @Test
    void noRandomSmallTableGivesAWithheldFigureAway() {
        var random = new Random(20261123);
        long[] values = {0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12};
        List<String> countries = List.of("CN", "MN", "TH");
        for (int round = 0; round < 1500; round++) {
            var control = new DisclosureControl(3 + random.nextInt(3));
            Tables.Builder table;
            switch (round % 4) {
                case 0 -> {
                    table = new Tables.Builder(Statistic.OVERVIEW);
                    for (String status : List.of("open", "detained", "in-transit")) {
                        for (String country : countries) {
                            long people = values[random.nextInt(values.length)];
                            table.cell(status, country, people, 1 + random.nextInt((int) Math.max(1, people)));
                        }
                    }
                }
                case 1 -> {
                    table = new Tables.Builder(Statistic.ARRIVED);
                    for (String month : List.of("2024-11", "2024-12", "2025-01")) {
                        for (String country : countries.subList(0, 2)) {
                            table.cell(month, country, values[random.nextInt(values.length)]);
                        }
                    }
                }
                case 2 -> {
                    table = new Tables.Builder(Statistic.ARRIVED);
                    for (String month : List.of("2023-12", "2024-01", "2024-06", "2025-02")) {
                        for (String country : countries) {
                            long people = random.nextInt(3) == 0 ? values[random.nextInt(values.length)] : 0;
                            table.cell(month, country, people, 1 + random.nextInt((int) Math.max(1, people)));
                        }
                    }
                }
                default -> {
                    table = new Tables.Builder(Statistic.VULNERABILITY);
                    for (String vulnerability : List.of("pregnant", "elderly")) {
                        for (String status : List.of("open", "detained", "in-transit", "resettled")) {
                            table.cell(vulnerability, status, values[random.nextInt(values.length)]);
                        }
                    }
                }
            }
            var published = table.table().protect(control);
            for (var cell : table.inner().entrySet()) {
                if (control.sensitive(cell.getValue())) {
                    assertTrue(published.at(cell.getKey().row(), cell.getKey().column()).suppressed());
                }
            }
            assertEquals(Set.of(), new Attacker(table, published).recovered(), "round " + round + ": " + table.inner());
        }
    }

    @Test
    void aLargeSparseTableOverThirtyYearsIsProtectedQuickly() {
        var random = new Random(7);
        var table = new Tables.Builder(Statistic.DETAINED);
        for (int year = 1996; year < 2026; year++) {
            for (int month = 1; month <= 12; month++) {
                for (String country : List.of("CN", "MN", "VN", "LA", "TH", "KR", "RU", "KH", "MM", "JP")) {
                    table.cell("%d-%02d".formatted(year, month), country, random.nextInt(4) == 0 ? random.nextInt(9) : 0);
                }
            }
        }
        var tallies = table.table();
        var published = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> tallies.protect(K5));
        table.inner().forEach((cell, tally) ->
                assertTrue(!K5.sensitive(tally) || published.at(cell.row(), cell.column()).suppressed()));
    }
}
