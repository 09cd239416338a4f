package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.domain.RiskImpactTally;
import org.corridor.cases.service.RiskImpact;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * policy-service's question before a draft is published: which active cases would change risk, and how. Not part of
 * the partner API (the gateway routes nothing under /internal); partners see it as a draft's impact.
 */
@Path("/internal/v1/risk-impact")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.POLICY_EDITOR, Roles.POLICY_APPROVER})
public class RiskImpactResource {

    private final RiskImpact impact;

    public RiskImpactResource(RiskImpact impact) {
        this.impact = impact;
    }

    @POST
    @Operation(hidden = true)
    public RiskImpactView preview(@Valid @NotNull RiskImpactRequest request) {
        String country = CountryCodes.require("country", request.country());
        RiskImpactTally tally = impact.ofDraft(country, request.terms(), request.validFrom(), request.validTo());
        return new RiskImpactView(country,
                new RiskImpactView.OrganisationChanges(tally.organisation().stream()
                        .map(count -> new RiskImpactView.Change(count.from(), count.to(), count.cases())).toList()),
                new RiskImpactView.AllOrganisationsChanges(tally.threshold(), tally.allOrganisations().stream()
                        .map(count -> new RiskImpactView.DisclosedChange(count.from(), count.to(), count.cases(), count.suppressed()))
                        .toList()));
    }
}
