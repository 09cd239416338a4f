package org.corridor.report.domain;

import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.JourneyKind;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.Vulnerability;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseFiguresTest {

    static final UUID CASE = UUID.randomUUID();

    static CaseState state(long revision, String organisation, CaseStatus status, String country, CaseState.JourneyStep step) {
        return new CaseState(CASE, revision, organisation, status, country, 3,
                List.of(new CaseState.SexAgeCount(Sex.FEMALE, AgeBand.AGE_18_59, 2), new CaseState.SexAgeCount(Sex.MALE, AgeBand.AGE_0_4, 1)),
                List.of(new CaseState.VulnerabilityCount(Vulnerability.PREGNANT, 1)), step);
    }

    static CaseState.JourneyStep step(JourneyKind kind, String country, String date) {
        return new CaseState.JourneyStep(kind, country, LocalDate.parse(date));
    }

    @Test
    void aLaterRevisionReplacesThePresentAndAnEarlierOneDoesNot() {
        CaseFigures detained = CaseFigures.of(state(3, "a", CaseStatus.DETAINED, "CN", null));
        CaseFigures late = detained.apply(state(2, "a", CaseStatus.IN_TRANSIT, "CN", null));
        assertEquals(CaseStatus.DETAINED, late.status());
        assertEquals(3, late.revision());
        CaseFigures released = detained.apply(state(4, "a", CaseStatus.IN_TRANSIT, "CN", null));
        assertEquals(CaseStatus.IN_TRANSIT, released.status());
    }

    @Test
    void journeyEventsAreHistoryKeptToTheMonthOnceEachWhateverTheOrder() {
        CaseFigures figures = CaseFigures.of(state(1, "a", CaseStatus.OPEN, null, null))
                .apply(state(3, "a", CaseStatus.DETAINED, "CN", step(JourneyKind.DETAINED, "CN", "2025-03-17")))
                .apply(state(2, "a", CaseStatus.IN_TRANSIT, "CN", step(JourneyKind.ENTERED_COUNTRY, "CN", "2025-03-02")))
                .apply(state(3, "a", CaseStatus.DETAINED, "CN", step(JourneyKind.DETAINED, "CN", "2025-03-17")));
        assertEquals(List.of(new JourneyFact(3, Statistic.DETAINED, "CN", YearMonth.of(2025, 3), "a", 3)), figures.journey(),
                "entering a country is not counted, and the same step twice is one");
    }

    @Test
    void eachCellAndEveryTotalItIsPartOfCountTheCaseOnce() {
        Map<TallyKey, Long> contributions = CaseFigures.of(
                state(2, "a", CaseStatus.DETAINED, "CN", step(JourneyKind.DETAINED, "CN", "2025-03-17"))).contributions();
        assertEquals(3L, contributions.get(new TallyKey(Statistic.OVERVIEW, "org:a", "detained", "CN")));
        assertEquals(3L, contributions.get(new TallyKey(Statistic.OVERVIEW, "all", "*", "*")));
        assertEquals(2L, contributions.get(new TallyKey(Statistic.SEX_AGE, "org:a", "female", "18-59")));
        assertEquals(2L, contributions.get(new TallyKey(Statistic.SEX_AGE, "org:a", "female", "*")));
        assertEquals(3L, contributions.get(new TallyKey(Statistic.SEX_AGE, "org:a", "*", "*")));
        assertEquals(1L, contributions.get(new TallyKey(Statistic.VULNERABILITY, "org:a", "pregnant", "detained")));
        assertEquals(1L, contributions.get(new TallyKey(Statistic.VULNERABILITY, "org:a", "pregnant", "*")));
        assertTrue(contributions.keySet().stream().noneMatch(key -> key.statistic() == Statistic.VULNERABILITY && key.row().equals("*")),
                "vulnerabilities overlap, so they have no total");
        for (String row : List.of("2025-03", "2025", "*")) {
            for (String column : List.of("CN", "*")) {
                assertEquals(3L, contributions.get(new TallyKey(Statistic.DETAINED, "all", row, column)), row + " " + column);
            }
        }
        assertEquals(Tally.ZERO.people() + 1, CaseFigures.change(null, CaseFigures.of(state(1, "a", CaseStatus.OPEN, null, null)))
                .get(new TallyKey(Statistic.OVERVIEW, "org:a", "open", CaseFigures.NO_COUNTRY)).cases());
    }

    @Test
    void aTransferMovesThePresentToTheNewOrganisationAndLeavesThePastWithTheOld() {
        CaseFigures before = CaseFigures.of(state(2, "a", CaseStatus.DETAINED, "CN", step(JourneyKind.DETAINED, "CN", "2025-03-17")));
        CaseFigures after = before.apply(state(3, "b", CaseStatus.DETAINED, "CN", null));
        Map<TallyKey, Tally> change = CaseFigures.change(before, after);

        assertEquals(new Tally(-3, -1), change.get(new TallyKey(Statistic.OVERVIEW, "org:a", "detained", "CN")));
        assertEquals(new Tally(3, 1), change.get(new TallyKey(Statistic.OVERVIEW, "org:b", "detained", "CN")));
        assertTrue(change.keySet().stream().noneMatch(key -> key.scope().equals(Scope.ALL.key())), "all organisations' figures do not move");
        assertTrue(change.keySet().stream().noneMatch(key -> key.statistic() == Statistic.DETAINED));
    }
}
