package org.corridor.cases.rest;

import org.corridor.platform.cases.AgeBand;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.cases.domain.Need;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.Vulnerability;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A case as its organisation sees it; personal fields are null unless the caller is a protection officer. */
public record CaseView(
        UUID id,
        String organisation,
        CaseStatus status,
        @Schema(nullable = true, description = "Where the case is now (ISO 3166-1 alpha-2); null until known.") String currentCountry,
        List<String> plannedRoute,
        List<Need> needs,
        @Schema(nullable = true) String notes,
        @Schema(nullable = true) Risk risk,
        List<Member> members,
        @Schema(description = "True when personal fields are withheld from this caller.") boolean personalDataMasked,
        int revision,
        LocalDate openedOn,
        Instant createdAt,
        Instant updatedAt) {

    public record Member(UUID id, String alias, Sex sex, AgeBand ageBand, Set<Vulnerability> vulnerabilities,
                         @Schema(nullable = true, description = PERSONAL) String legalName,
                         @Schema(nullable = true, description = PERSONAL) String dateOfBirth,
                         @Schema(nullable = true, description = PERSONAL) String placeOfOrigin,
                         @Schema(nullable = true, description = PERSONAL) String relatives,
                         @Schema(nullable = true, description = PERSONAL) String contact) {

        static final String PERSONAL = "Personal data: null unless you are a protection officer (or it was never given).";
    }

    /** The case's risk: the worst over its current country and the rest of its route, with reasons per country. */
    public record Risk(@Schema(nullable = true, description = "The worst risk over the route; null until the case has a country.")
                       RiskLevel level,
                       List<CaseFile.RiskReason> countries,
                       Instant assessedAt) {
    }
}
