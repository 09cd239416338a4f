package org.corridor.cases.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.cases.domain.JourneyEntry;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.OutboxWriter;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.Vulnerability;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The events case-service publishes on {@code corridor.case-events}, keyed by case id, through the outbox. */
@ApplicationScoped
public class CaseEvents {

    private final OutboxWriter outbox;
    private final CaseRepository cases;

    public CaseEvents(OutboxWriter outbox, CaseRepository cases) {
        this.outbox = outbox;
        this.cases = cases;
    }

    public void opened(CaseFile file) {
        publish("opened", state(file, null, null, null, null));
    }

    public void updated(CaseFile file) {
        publish("updated", state(file, null, null, null, null));
    }

    public void journeyRecorded(CaseFile file, JourneyEntry entry, CaseStatus previousStatus) {
        publish("journey-recorded", state(file, null, null, null,
                new CaseState.Journey(entry.kind, entry.country, entry.date)));
        statusChanged(file, previousStatus);
    }

    public void statusChanged(CaseFile file, CaseStatus previousStatus) {
        if (previousStatus != file.status) {
            publish("status-changed", state(file, previousStatus, null, null, null));
        }
    }

    public void riskChanged(CaseFile file, RiskLevel previousRisk) {
        if (previousRisk != file.riskLevel) {
            publish("risk-changed", state(file, null, previousRisk, null, null));
        }
    }

    public void transferred(CaseFile file, String previousOrganisation) {
        publish("transferred", state(file, null, null, previousOrganisation, null));
    }

    public void closed(CaseFile file, CaseStatus previousStatus) {
        publish("closed", state(file, previousStatus, null, null, null));
        statusChanged(file, previousStatus);
    }

    private void publish(String type, CaseState state) {
        outbox.append(CorridorTopics.CASE_EVENTS, state.caseId().toString(), CorridorTopics.CASE_EVENT_TYPE_PREFIX + type, state.caseId().toString(), state);
    }

    private CaseState state(CaseFile file, CaseStatus previousStatus, RiskLevel previousRisk, String previousOrganisation,
                            CaseState.Journey journey) {
        cases.flush();
        return new CaseState(file.id, file.revision, file.organisation, file.status, previousStatus, file.currentCountry,
                file.riskLevel, previousRisk, previousOrganisation, file.members.size(), file.openedOn,
                sexAgeBands(file.members), vulnerabilityCounts(file.members), journey);
    }

    private static List<CaseState.SexAgeCount> sexAgeBands(List<CaseMember> members) {
        Map<String, List<CaseMember>> groups = members.stream().collect(Collectors.groupingBy(
                member -> member.sex.ordinal() + ":" + member.ageBand.ordinal(), TreeMap::new, Collectors.toList()));
        return groups.values().stream()
                .map(group -> new CaseState.SexAgeCount(group.get(0).sex, group.get(0).ageBand, group.size()))
                .toList();
    }

    private static List<CaseState.VulnerabilityCount> vulnerabilityCounts(List<CaseMember> members) {
        return members.stream()
                .flatMap(member -> member.vulnerabilityList().stream())
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Vulnerability::ordinal)))
                .map(entry -> new CaseState.VulnerabilityCount(entry.getKey(), entry.getValue().intValue()))
                .toList();
    }
}
