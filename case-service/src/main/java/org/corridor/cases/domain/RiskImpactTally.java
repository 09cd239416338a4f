package org.corridor.cases.domain;

import org.corridor.platform.policy.RiskLevel;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many active cases would move from one risk level to another: exact for the caller's organisation, and across
 * all organisations only where no count of another organisation's cases below the threshold can be read — neither
 * from the count itself nor by subtracting the caller's own.
 */
public final class RiskImpactTally {

    private static final Comparator<Change> ORDER = Comparator
            .comparing(Change::from, Comparator.nullsFirst(Comparator.<RiskLevel>naturalOrder()))
            .thenComparing(Change::to, Comparator.nullsFirst(Comparator.<RiskLevel>naturalOrder()));

    private final String organisation;
    private final int threshold;
    private final Map<Change, Integer> own = new HashMap<>();
    private final Map<Change, Integer> all = new HashMap<>();

    public RiskImpactTally(String organisation, int threshold) {
        this.organisation = organisation;
        this.threshold = threshold;
    }

    /** Counts a case of {@code caseOrganisation} whose level would go from {@code from} to {@code to}; no change counts nothing. */
    public void count(String caseOrganisation, RiskLevel from, RiskLevel to) {
        if (from == to) {
            return;
        }
        Change change = new Change(from, to);
        all.merge(change, 1, Integer::sum);
        if (Objects.equals(caseOrganisation, organisation)) {
            own.merge(change, 1, Integer::sum);
        }
    }

    public int threshold() {
        return threshold;
    }

    public List<Count> organisation() {
        return own.keySet().stream().sorted(ORDER).map(change -> new Count(change.from(), change.to(), own.get(change))).toList();
    }

    public List<DisclosedCount> allOrganisations() {
        return all.keySet().stream().sorted(ORDER).map(change -> {
            int cases = all.get(change);
            int others = cases - own.getOrDefault(change, 0);
            boolean shown = cases >= threshold && (others == 0 || others >= threshold);
            return new DisclosedCount(change.from(), change.to(), shown ? cases : null, !shown);
        }).toList();
    }

    public record Change(RiskLevel from, RiskLevel to) {
    }

    public record Count(RiskLevel from, RiskLevel to, int cases) {
    }

    /** {@code cases} is null where {@code suppressed}. */
    public record DisclosedCount(RiskLevel from, RiskLevel to, Integer cases, boolean suppressed) {
    }
}
