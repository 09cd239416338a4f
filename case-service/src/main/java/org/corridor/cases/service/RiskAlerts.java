package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.RescoreJob;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.AlertRepository;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.repository.RescoreJobRepository;
import org.corridor.cases.subscription.service.AlertWebhooks;
import org.corridor.platform.events.EventTracing;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.policy.RiskLevel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Re-scores the active cases a policy change concerns, in batches; when a case's risk rises, its organisation gets an
 * alert and the change goes out as {@code case.risk-changed}.
 */
@ApplicationScoped
public class RiskAlerts {

    static final String POLICY_EVENT_ACTOR = "corridor:policy-event";

    private final CaseRepository cases;
    private final AlertRepository alerts;
    private final RescoreJobRepository jobs;
    private final CaseRisk risk;
    private final CaseEvents events;
    private final AuditTrail audit;
    private final Caller caller;
    private final EventTracing tracing;
    private final AlertWebhooks webhooks;
    private final Clock clock;
    private final Event<RescoreWaiting> rescoreWaiting;

    public RiskAlerts(CaseRepository cases, AlertRepository alerts, RescoreJobRepository jobs, CaseRisk risk,
                      CaseEvents events, AuditTrail audit, Caller caller, EventTracing tracing, AlertWebhooks webhooks,
                      Clock clock, Event<RescoreWaiting> rescoreWaiting) {
        this.cases = cases;
        this.alerts = alerts;
        this.jobs = jobs;
        this.risk = risk;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.tracing = tracing;
        this.webhooks = webhooks;
        this.clock = clock;
        this.rescoreWaiting = rescoreWaiting;
    }

    /**
     * Told once the transaction that recorded a policy change commits, so that its re-scoring starts at once rather
     * than at the worker's next scheduled look.
     */
    public record RescoreWaiting() {
    }

    /** Records, in the transaction that applies the policy event, that the cases of a country must be re-scored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void policyChanged(String country, String summary) {
        EventTracing.TraceContext trace = EventTracing.current();
        jobs.add(country, summary, trace.traceparent(), trace.tracestate());
        rescoreWaiting.fire(new RescoreWaiting());
    }

    /**
     * Re-scores the next batch of cases of the oldest waiting policy change, in one transaction with its alerts, its
     * events and the job's progress; answers whether there was work. Concurrent workers take different jobs.
     *
     * <p>The batch is set-based and bypasses the persistence context, whose loading, copying and dirty checking of
     * thousands of cases cost most of the time: its cases are locked and read with their members in one statement
     * and written back in one, and their audit entries, events, alerts and webhook deliveries each go out in one
     * batch, in case order, so a batch costs a handful of round trips however many cases it holds.
     */
    @Transactional
    public boolean rescoreNextBatch(int batchSize) {
        Optional<RescoreJob> waiting = jobs.takeOldest();
        if (waiting.isEmpty()) {
            return false;
        }
        RescoreJob job = waiting.get();
        List<UUID> ids = cases.idsActiveConcerning(job.country(), job.afterCase(), batchSize);
        // a case a user changes meanwhile is re-scored before or after that change, never against it
        List<CaseFile> batch = cases.lockForRescoring(ids);
        var policiesToday = risk.policiesToday();
        try (var rescoring = tracing.continuing("rescore " + job.country(),
                new EventTracing.TraceContext(job.traceparent(), job.tracestate()))) {
            Map<CaseFile, RiskLevel> changed = new LinkedHashMap<>();
            List<CaseAlert> raised = new ArrayList<>();
            for (CaseFile file : batch) {
                RiskLevel previous = risk.assess(file, policiesToday);
                if (previous != file.riskLevel()) {
                    file.touch(clock.instant());
                    changed.put(file, previous);
                    if (previous == null || file.riskLevel().compareTo(previous) > 0) {
                        raised.add(CaseAlert.riskRose(file, job.country(), previous, job.policySummary(), clock.instant()));
                    }
                }
            }
            cases.writeRisks(batch);
            alerts.insert(raised);
            if (!changed.isEmpty()) {
                audit.recordEach(POLICY_EVENT_ACTOR, changed.keySet().stream()
                        .collect(Collectors.toMap(CaseFile::id, CaseFile::organisation, (a, b) -> a, LinkedHashMap::new)),
                        AuditAction.UPDATE);
                events.risksChanged(changed);
            }
            if (!raised.isEmpty()) {
                webhooks.alertsRaised(raised);
            }
        }
        if (ids.size() < batchSize) {
            jobs.finish(job);
        } else {
            jobs.advance(job, ids.getLast());
        }
        return true;
    }

    @Transactional
    public Page<CaseAlert> alerts(String cursor, int limit) {
        return Paging.page(alerts.page(caller.organisation(), Page.timeAndId(cursor), limit + 1), limit,
                alert -> Page.cursorAfter(alert.createdAt(), alert.id()));
    }
}
