package org.corridor.cases.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.corridor.platform.cases.AgeBand;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.platform.cases.JourneyKind;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.Vulnerability;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The data of every case event (see asyncapi.yaml): the case's present state as codes and counts, never personal data. */
public record CaseState(
        UUID caseId,
        int revision,
        String organisation,
        CaseStatus status,
        @JsonInclude(JsonInclude.Include.NON_NULL) CaseStatus previousStatus,
        String currentCountry,
        RiskLevel risk,
        @JsonInclude(JsonInclude.Include.NON_NULL) RiskLevel previousRisk,
        @JsonInclude(JsonInclude.Include.NON_NULL) String previousOrganisation,
        int people,
        LocalDate openedOn,
        List<SexAgeCount> sexAgeBands,
        List<VulnerabilityCount> vulnerabilities,
        @JsonInclude(JsonInclude.Include.NON_NULL) Journey journey) {

    public record SexAgeCount(Sex sex, AgeBand ageBand, int count) {
    }

    public record VulnerabilityCount(Vulnerability vulnerability, int count) {
    }

    public record Journey(JourneyKind kind, String country, LocalDate date) {
    }
}
