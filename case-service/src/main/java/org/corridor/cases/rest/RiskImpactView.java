package org.corridor.cases.rest;

import org.corridor.platform.policy.RiskLevel;

import java.util.List;

/** How many active cases would move between risk levels: the caller's organisation exactly, all organisations with the small counts withheld. */
public record RiskImpactView(String country, OrganisationChanges organisation, AllOrganisationsChanges allOrganisations) {

    public record OrganisationChanges(List<Change> changes) {
    }

    public record AllOrganisationsChanges(int k, List<DisclosedChange> changes) {
    }

    public record Change(RiskLevel from, RiskLevel to, int cases) {
    }

    /** {@code cases} is null where {@code suppressed}. */
    public record DisclosedChange(RiskLevel from, RiskLevel to, Integer cases, boolean suppressed) {
    }
}
