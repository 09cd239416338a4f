package org.corridor.report.domain;

import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.JourneyKind;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.Vulnerability;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The data of a case event (case-service's asyncapi.yaml): the case's present state as codes and counts. Only what
 * the reports count is read; the rest of the event is ignored.
 */
public record CaseState(UUID caseId, long revision, String organisation, CaseStatus status, String currentCountry,
                        int people, List<SexAgeCount> sexAgeBands, List<VulnerabilityCount> vulnerabilities,
                        JourneyStep journey) {

    public CaseState {
        Objects.requireNonNull(caseId, "caseId is required");
        Objects.requireNonNull(organisation, "organisation is required");
        Objects.requireNonNull(status, "status is required");
        sexAgeBands = sexAgeBands == null ? List.of() : List.copyOf(sexAgeBands);
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    }

    public record SexAgeCount(Sex sex, AgeBand ageBand, int count) {
    }

    public record VulnerabilityCount(Vulnerability vulnerability, int count) {
    }

    /** Only on journey-recorded: what happened, in which country, on which day. */
    public record JourneyStep(JourneyKind kind, String country, LocalDate date) {
    }
}
