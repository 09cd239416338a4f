package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.rest.AlertView;
import org.corridor.cases.subscription.service.AlertWebhooks;
import org.corridor.platform.events.EventTracing;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.json.KebabCaseEnums;
import org.corridor.platform.policy.RiskLevel;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Re-scores the active cases a policy change concerns, in batches; when a case's risk rises, its organisation gets an
 * alert and the change goes out as {@code case.risk-changed}.
 */
@ApplicationScoped
public class RiskAlerts {

    static final String POLICY_EVENT_ACTOR = "corridor:policy-event";

    private final CaseRepository cases;
    private final CaseRisk risk;
    private final CaseEvents events;
    private final AuditTrail audit;
    private final Caller caller;
    private final EventTracing tracing;
    private final AlertWebhooks webhooks;
    private final Clock clock = Clock.systemUTC();

    public RiskAlerts(CaseRepository cases, CaseRisk risk, CaseEvents events, AuditTrail audit, Caller caller,
                      EventTracing tracing, AlertWebhooks webhooks) {
        this.cases = cases;
        this.risk = risk;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.tracing = tracing;
        this.webhooks = webhooks;
    }

    /** Records, in the transaction that applies the policy event, that the cases of a country must be re-scored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void policyChanged(String country, String summary) {
        EventTracing.TraceContext trace = EventTracing.current();
        cases.getEntityManager().createNativeQuery(
                        "INSERT INTO risk_rescore_job (country, summary, traceparent, tracestate) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, country).setParameter(2, summary)
                .setParameter(3, trace.traceparent()).setParameter(4, trace.tracestate())
                .executeUpdate();
    }

    /**
     * Re-scores the next batch of cases of the oldest waiting policy change, in one transaction with its alerts, its
     * events and the job's progress; answers whether there was work. Concurrent workers take different jobs.
     */
    @Transactional
    public boolean rescoreNextBatch(int batchSize) {
        var em = cases.getEntityManager();
        List<?> jobs = em.createNativeQuery("""
                        SELECT id, country, summary, CAST(after_case AS text), traceparent, tracestate FROM risk_rescore_job
                        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""").getResultList();
        if (jobs.isEmpty()) {
            return false;
        }
        Object[] job = (Object[]) jobs.get(0);
        String country = (String) job[1];
        UUID after = job[3] == null ? null : UUID.fromString((String) job[3]);
        List<CaseFile> batch = cases.activeConcerning(country, after, batchSize);
        var policiesToday = risk.policiesToday();
        try (var rescoring = tracing.continuing("rescore " + country, new EventTracing.TraceContext((String) job[4], (String) job[5]))) {
            for (CaseFile file : batch) {
                RiskLevel previous = risk.assess(file, policiesToday);
                if (previous == file.riskLevel) {
                    continue;
                }
                file.updatedAt = clock.instant();
                audit.record(file.id, POLICY_EVENT_ACTOR, file.organisation, AuditAction.UPDATE);
                events.riskChanged(file, previous);
                if (previous == null || file.riskLevel.compareTo(previous) > 0) {
                    CaseAlert alert = alert(file, country, previous, (String) job[2]);
                    em.persist(alert);
                    webhooks.alertRaised(alert);
                }
            }
        }
        if (batch.size() < batchSize) {
            em.createNativeQuery("DELETE FROM risk_rescore_job WHERE id = ?1").setParameter(1, job[0]).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE risk_rescore_job SET after_case = ?2 WHERE id = ?1")
                    .setParameter(1, job[0]).setParameter(2, batch.getLast().id).executeUpdate();
        }
        return true;
    }

    @Transactional
    public Page<AlertView> alerts(String cursor, int limit) {
        Page.TimeAndId after = Page.timeAndId(cursor);
        var query = cases.getEntityManager().createQuery(after == null
                        ? "SELECT a FROM CaseAlert a WHERE a.organisation = ?1 ORDER BY a.createdAt DESC, a.id DESC"
                        : "SELECT a FROM CaseAlert a WHERE a.organisation = ?1 AND (a.createdAt < ?2 OR (a.createdAt = ?2 AND a.id < ?3)) ORDER BY a.createdAt DESC, a.id DESC",
                CaseAlert.class).setParameter(1, caller.organisation());
        if (after != null) {
            query.setParameter(2, after.time()).setParameter(3, after.id());
        }
        List<CaseAlert> found = query.setMaxResults(limit + 1).getResultList();
        boolean more = found.size() > limit;
        List<CaseAlert> shown = more ? found.subList(0, limit) : found;
        return new Page<>(shown.stream().map(a -> new AlertView(a.id, a.caseId, a.country, a.previousRisk, a.newRisk, a.reason, a.createdAt)).toList(),
                more ? Page.cursorAfter(shown.getLast().createdAt, shown.getLast().id) : null);
    }

    private CaseAlert alert(CaseFile file, String country, RiskLevel previous, String summary) {
        var alert = new CaseAlert();
        alert.id = UUID.randomUUID();
        alert.organisation = file.organisation;
        alert.caseId = file.id;
        alert.country = country;
        alert.previousRisk = previous;
        alert.newRisk = file.riskLevel;
        alert.reason = "The policy of " + country + " changed and this case's risk rose to "
                + KebabCaseEnums.code(file.riskLevel) + ": " + summary;
        alert.createdAt = clock.instant();
        return alert;
    }
}
