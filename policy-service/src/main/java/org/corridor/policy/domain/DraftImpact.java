package org.corridor.policy.domain;

import org.corridor.platform.policy.RiskLevel;

import java.util.List;

/**
 * What publishing a draft would do to the active cases it concerns: how many would move from which risk level to
 * which, exactly for the asking organisation, and across all organisations with counts below {@code k} (or that
 * differ from the organisation's own by less than {@code k}) withheld.
 */
public record DraftImpact(String country, List<Change> organisation, int k, List<Change> allOrganisations) {

    /** {@code cases} is null where {@code suppressed}. */
    public record Change(RiskLevel from, RiskLevel to, Integer cases, boolean suppressed) {
    }
}
