package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.rest.AlertView;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.json.KebabCaseEnums;
import org.corridor.platform.policy.RiskLevel;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Re-scores the active cases a policy change concerns; when a case's risk rises, its organisation gets an alert and
 * the change goes out as {@code case.risk-changed}.
 */
@ApplicationScoped
public class RiskAlerts {

    static final String POLICY_EVENT_ACTOR = "corridor:policy-event";

    private final CaseRepository cases;
    private final CaseRisk risk;
    private final CaseEvents events;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock = Clock.systemUTC();

    public RiskAlerts(CaseRepository cases, CaseRisk risk, CaseEvents events, AuditTrail audit, Caller caller) {
        this.cases = cases;
        this.risk = risk;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
    }

    /** Runs in the transaction that applies the policy event, so alerts exist exactly once per event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int policyChanged(String country, String summary) {
        int raised = 0;
        for (CaseFile file : cases.activeConcerning(country)) {
            RiskLevel previous = risk.assess(file);
            if (previous == file.riskLevel) {
                continue;
            }
            file.updatedAt = clock.instant();
            audit.record(file.id, POLICY_EVENT_ACTOR, file.organisation, AuditAction.UPDATE);
            events.riskChanged(file, previous);
            if (previous == null || file.riskLevel.compareTo(previous) > 0) {
                cases.getEntityManager().persist(alert(file, country, previous, summary));
                raised++;
            }
        }
        return raised;
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
