package org.corridor.policy.rest;

import org.corridor.platform.policy.RiskLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "PolicyDraftImpact", description = """
        What publishing the draft would do to the active cases it concerns (their current country or a country \
        still ahead on their route), re-scored exactly as publication re-scores them: with the policies in force \
        today, the draft among them if it is valid today. A draft valid only from a later day changes nothing today.""")
public record PolicyImpactView(
        UUID draftId,
        String country,
        @Schema(description = "Your organisation's cases, exact.") OrganisationImpact organisation,
        @Schema(description = "Every organisation's cases, yours included, under disclosure control.")
        AllOrganisationsImpact allOrganisations) {

    public record OrganisationImpact(
            @Schema(description = "Each move between risk levels that at least one case would make.") List<Change> changes) {
    }

    public record AllOrganisationsImpact(
            @Schema(description = "The disclosure threshold: a count of 1 to k-1 cases is withheld, and so is one that "
                    + "differs from your organisation's own count by 1 to k-1.") int k,
            List<DisclosedChange> changes) {
    }

    @Schema(name = "RiskChangeCount")
    public record Change(
            @Schema(nullable = true, description = "The case's risk now; null if it has none yet.") RiskLevel from,
            @Schema(nullable = true, description = "Its risk once the draft is published.") RiskLevel to,
            int cases) {
    }

    @Schema(name = "DisclosedRiskChangeCount")
    public record DisclosedChange(
            @Schema(nullable = true) RiskLevel from,
            @Schema(nullable = true) RiskLevel to,
            @Schema(nullable = true, description = "Null where suppressed.") Integer cases,
            boolean suppressed) {
    }
}
