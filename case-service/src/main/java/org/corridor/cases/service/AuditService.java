package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.cases.rest.AuditView;
import org.corridor.platform.http.Page;
import org.corridor.platform.problem.ProblemException;

import java.util.List;
import java.util.UUID;

/** Reading a case's audit trail, with a check of its hash chain. */
@ApplicationScoped
public class AuditService {

    private final CaseService caseService;
    private final AuditTrail audit;

    public AuditService(CaseService caseService, AuditTrail audit) {
        this.caseService = caseService;
        this.audit = audit;
    }

    @Transactional
    public AuditView trail(UUID caseId, String cursor, int limit) {
        caseService.owned(caseId);
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(Page.position(cursor));
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
            }
        }
        List<AuditEntry> entries = audit.entries(caseId);
        boolean intact = true;
        String previous = AuditEntry.FIRST;
        for (AuditEntry entry : entries) {
            intact &= entry.follows(previous);
            previous = entry.hash;
        }
        final long start = after;
        List<AuditEntry> page = entries.stream().filter(entry -> entry.id > start).limit(limit + 1L).toList();
        boolean more = page.size() > limit;
        List<AuditEntry> shown = more ? page.subList(0, limit) : page;
        return new AuditView(shown.stream().map(e -> new AuditView.Entry(e.id, e.action, e.actor, e.organisation,
                e.requestId, e.at, e.hash)).toList(), more ? Page.cursor(Long.toString(shown.getLast().id)) : null, intact);
    }
}
