package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.platform.http.Page;

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

    /** A page of the trail, and whether the case's whole chain verifies. */
    public record TrailPage(Page<AuditEntry> entries, boolean chainIntact) {
    }

    @Transactional
    public TrailPage trail(UUID caseId, String cursor, int limit) {
        caseService.owned(caseId);
        long after = Paging.position(cursor);
        List<AuditEntry> entries = audit.entries(caseId);
        boolean intact = true;
        String previous = AuditEntry.FIRST;
        for (AuditEntry entry : entries) {
            intact &= entry.follows(previous);
            previous = entry.hash();
        }
        List<AuditEntry> fetched = entries.stream().filter(entry -> entry.id() > after).limit(limit + 1L).toList();
        return new TrailPage(Paging.page(fetched, limit, entry -> Page.cursor(Long.toString(entry.id()))), intact);
    }
}
