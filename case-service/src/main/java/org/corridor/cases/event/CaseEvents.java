package org.corridor.cases.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.changes.domain.Change;
import org.corridor.cases.changes.domain.ChangeType;
import org.corridor.cases.changes.service.ChangeFeed;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.cases.domain.JourneyEntry;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.OutboxWriter;
import org.corridor.platform.policy.RiskLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events case-service publishes on {@code corridor.case-events}, keyed by case id, through the outbox. A command's
 * events all carry the case as the command left it, written (its revision counted) before they are made. Each command
 * is also one change in its organisation's change feed.
 */
@ApplicationScoped
public class CaseEvents {

    private final OutboxWriter outbox;
    private final ChangeFeed changes;

    public CaseEvents(OutboxWriter outbox, ChangeFeed changes) {
        this.outbox = outbox;
        this.changes = changes;
    }

    public void opened(CaseFile file) {
        openedAll(List.of(file));
    }

    /** Many cases opened together, as an import opens them: each as {@link #opened}, in one batch for all. */
    public void openedAll(List<CaseFile> files) {
        outbox.appendAll(files.stream().map(file -> outboxEvent(file, new Event("opened", CaseState.of(file)))).toList());
        changes.record(files.stream().map(file -> change(file, ChangeType.OPENED)).toList());
    }

    public void updated(CaseFile file, RiskLevel previousRisk) {
        CaseState state = CaseState.of(file);
        List<Event> events = new ArrayList<>(List.of(new Event("updated", state)));
        riskChange(state, previousRisk).ifPresent(events::add);
        publish(file, events);
        changes.record(List.of(change(file, ChangeType.UPDATED)));
    }

    public void journeyRecorded(CaseFile file, JourneyEntry entry, CaseStatus previousStatus, RiskLevel previousRisk) {
        CaseState state = CaseState.of(file);
        List<Event> events = new ArrayList<>(List.of(new Event("journey-recorded",
                state.withJourney(new CaseState.Journey(entry.kind(), entry.country(), entry.date())))));
        statusChange(state, previousStatus).ifPresent(events::add);
        riskChange(state, previousRisk).ifPresent(events::add);
        publish(file, events);
        changes.record(List.of(change(file, ChangeType.JOURNEY_RECORDED)));
    }

    public void closed(CaseFile file, CaseStatus previousStatus, RiskLevel previousRisk) {
        CaseState state = CaseState.of(file);
        List<Event> events = new ArrayList<>(List.of(new Event("closed", state.withPreviousStatus(previousStatus))));
        statusChange(state, previousStatus).ifPresent(events::add);
        riskChange(state, previousRisk).ifPresent(events::add);
        publish(file, events);
        changes.record(List.of(change(file, ChangeType.CLOSED)));
    }

    /** The case's personal data is gone; its codes stay as they were, so the statistics keep counting it. */
    public void erased(CaseFile file) {
        publish(file, List.of(new Event("erased", CaseState.of(file))));
        changes.record(List.of(change(file, ChangeType.ERASED)));
    }

    /** The risk changes of many cases, each case's in the order given, one batch for all. */
    public void risksChanged(Map<CaseFile, RiskLevel> previousRisks) {
        List<OutboxWriter.Event> events = new ArrayList<>(previousRisks.size());
        List<Change> changed = new ArrayList<>(previousRisks.size());
        previousRisks.forEach((file, previousRisk) -> riskChange(CaseState.of(file), previousRisk).ifPresent(event -> {
            events.add(outboxEvent(file, event));
            changed.add(change(file, ChangeType.RISK_CHANGED));
        }));
        outbox.appendAll(events);
        changes.record(changed);
    }

    public void transferred(CaseFile file, String previousOrganisation) {
        publish(file, List.of(new Event("transferred", CaseState.of(file).withPreviousOrganisation(previousOrganisation))));
        changes.record(List.of(
                new Change(previousOrganisation, file.id(), ChangeType.TRANSFERRED_AWAY, file.revision(), file.updatedAt()),
                change(file, ChangeType.TRANSFERRED_IN)));
    }

    private static Change change(CaseFile file, ChangeType type) {
        return new Change(file.organisation(), file.id(), type, file.revision(), file.updatedAt());
    }

    private static Optional<Event> statusChange(CaseState state, CaseStatus previousStatus) {
        return previousStatus == state.status() ? Optional.empty()
                : Optional.of(new Event("status-changed", state.withPreviousStatus(previousStatus)));
    }

    private static Optional<Event> riskChange(CaseState state, RiskLevel previousRisk) {
        return previousRisk == state.risk() ? Optional.empty()
                : Optional.of(new Event("risk-changed", state.withPreviousRisk(previousRisk)));
    }

    private void publish(CaseFile file, List<Event> events) {
        outbox.appendAll(events.stream().map(event -> outboxEvent(file, event)).toList());
    }

    private static OutboxWriter.Event outboxEvent(CaseFile file, Event event) {
        String caseId = file.id().toString();
        return new OutboxWriter.Event(CorridorTopics.CASE_EVENTS, caseId, CorridorTopics.CASE_EVENT_TYPE_PREFIX + event.type(),
                caseId, event.state());
    }

    private record Event(String type, CaseState state) {
    }
}
