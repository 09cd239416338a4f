package org.corridor.report.domain;

import org.corridor.platform.json.KebabCaseEnums;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What report-service keeps of one case: its present state as codes and counts, and the journey events the reports
 * count. Never a name, an alias, a place or a day. The present state is replaced only by a later revision, while
 * journey events are history and are kept whatever order they arrive in, so applying a case's events again, or in
 * another order, leaves the same figures.
 */
public record CaseFigures(long revision, String organisation, CaseStatus status, String country, int people,
                          List<CaseState.SexAgeCount> sexAgeBands, List<CaseState.VulnerabilityCount> vulnerabilities,
                          List<JourneyFact> journey) {

    /** The overview's column key for a case that is in no country yet. */
    public static final String NO_COUNTRY = "";

    public static CaseFigures of(CaseState state) {
        return present(state, withStep(List.of(), state));
    }

    public CaseFigures apply(CaseState state) {
        List<JourneyFact> facts = withStep(journey, state);
        if (state.revision() > revision) {
            return present(state, facts);
        }
        return new CaseFigures(revision, organisation, status, country, people, sexAgeBands, vulnerabilities, facts);
    }

    /**
     * The people this case adds to each tallied cell, in its organisation's figures and in all organisations'. Each
     * key counts the case once.
     */
    public Map<TallyKey, Long> contributions() {
        Map<TallyKey, Long> people = new HashMap<>();
        for (String scope : scopes(organisation)) {
            count(people, Statistic.OVERVIEW.keysCounting(scope, code(status), country == null ? NO_COUNTRY : country),
                    this.people);
            for (CaseState.SexAgeCount band : sexAgeBands) {
                count(people, Statistic.SEX_AGE.keysCounting(scope, code(band.sex()), code(band.ageBand())), band.count());
            }
            for (CaseState.VulnerabilityCount vulnerable : vulnerabilities) {
                count(people, Statistic.VULNERABILITY.keysCounting(scope, code(vulnerable.vulnerability()), code(status)),
                        vulnerable.count());
            }
        }
        for (JourneyFact fact : journey) {
            for (String scope : scopes(fact.organisation())) {
                count(people, fact.statistic().keysCounting(scope, Interval.MONTH.keyOf(fact.month()), fact.country()),
                        fact.people());
            }
        }
        return people;
    }

    /** How the tallies change when a case's figures go from {@code before} (null for a new case) to {@code after}. */
    public static Map<TallyKey, Tally> change(CaseFigures before, CaseFigures after) {
        Map<TallyKey, Long> old = before == null ? Map.of() : before.contributions();
        Map<TallyKey, Long> now = after.contributions();
        Set<TallyKey> keys = new HashSet<>(old.keySet());
        keys.addAll(now.keySet());
        Map<TallyKey, Tally> change = new HashMap<>();
        for (TallyKey key : keys) {
            long people = now.getOrDefault(key, 0L) - old.getOrDefault(key, 0L);
            long cases = (now.containsKey(key) ? 1 : 0) - (old.containsKey(key) ? 1 : 0);
            if (people != 0 || cases != 0) {
                change.put(key, new Tally(people, cases));
            }
        }
        return change;
    }

    private static CaseFigures present(CaseState state, List<JourneyFact> journey) {
        return new CaseFigures(state.revision(), state.organisation(), state.status(), state.currentCountry(),
                state.people(), state.sexAgeBands(), state.vulnerabilities(), journey);
    }

    private static List<JourneyFact> withStep(List<JourneyFact> journey, CaseState state) {
        CaseState.JourneyStep step = state.journey();
        if (step == null || journey.stream().anyMatch(fact -> fact.revision() == state.revision())) {
            return journey;
        }
        return Statistic.counting(step.kind()).map(statistic -> {
            List<JourneyFact> facts = new ArrayList<>(journey);
            facts.add(new JourneyFact(state.revision(), statistic, step.country(), YearMonth.from(step.date()),
                    state.organisation(), state.people()));
            facts.sort(Comparator.comparingLong(JourneyFact::revision));
            return List.copyOf(facts);
        }).orElse(journey);
    }

    private static List<String> scopes(String organisation) {
        return List.of(Scope.of(organisation).key(), Scope.ALL.key());
    }

    private static void count(Map<TallyKey, Long> people, List<TallyKey> keys, long count) {
        keys.forEach(key -> people.merge(key, count, Long::sum));
    }

    private static String code(Enum<?> value) {
        return KebabCaseEnums.code(value);
    }
}
