package org.corridor.cases.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.platform.cases.AgeBand;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.platform.cases.JourneyKind;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.Vulnerability;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /** The case as it stands, without what an event adds about the change. */
    static CaseState of(CaseFile file) {
        return new CaseState(file.id(), file.revision(), file.organisation(), file.status(), null, file.currentCountry(),
                file.riskLevel(), null, null, file.members().size(), file.openedOn(), sexAgeBands(file.members()),
                vulnerabilityCounts(file.members()), null);
    }

    CaseState withPreviousStatus(CaseStatus previous) {
        return new CaseState(caseId, revision, organisation, status, previous, currentCountry, risk, null, null, people,
                openedOn, sexAgeBands, vulnerabilities, null);
    }

    CaseState withPreviousRisk(RiskLevel previous) {
        return new CaseState(caseId, revision, organisation, status, null, currentCountry, risk, previous, null, people,
                openedOn, sexAgeBands, vulnerabilities, null);
    }

    CaseState withPreviousOrganisation(String previous) {
        return new CaseState(caseId, revision, organisation, status, null, currentCountry, risk, null, previous, people,
                openedOn, sexAgeBands, vulnerabilities, null);
    }

    CaseState withJourney(Journey event) {
        return new CaseState(caseId, revision, organisation, status, null, currentCountry, risk, null, null, people,
                openedOn, sexAgeBands, vulnerabilities, event);
    }

    private static List<SexAgeCount> sexAgeBands(List<CaseMember> members) {
        Map<String, List<CaseMember>> groups = members.stream().collect(Collectors.groupingBy(
                member -> member.sex().ordinal() + ":" + member.ageBand().ordinal(), TreeMap::new, Collectors.toList()));
        return groups.values().stream()
                .map(group -> new SexAgeCount(group.get(0).sex(), group.get(0).ageBand(), group.size()))
                .toList();
    }

    private static List<VulnerabilityCount> vulnerabilityCounts(List<CaseMember> members) {
        return members.stream()
                .flatMap(member -> member.vulnerabilities().stream())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Vulnerability::ordinal)))
                .map(entry -> new VulnerabilityCount(entry.getKey(), entry.getValue().intValue()))
                .toList();
    }
}
