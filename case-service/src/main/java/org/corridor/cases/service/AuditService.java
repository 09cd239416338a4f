package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.cases.security.AuditKeys;
import org.corridor.platform.http.Page;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading a case's audit trail, with a check of its HMAC chain and of the newest checkpoint that signed its head. */
@ApplicationScoped
public class AuditService {

    private final CaseService caseService;
    private final AuditTrail audit;
    private final AuditKeys keys;
    private final AuditCheckpoints checkpoints;

    public AuditService(CaseService caseService, AuditTrail audit, AuditKeys keys, AuditCheckpoints checkpoints) {
        this.caseService = caseService;
        this.audit = audit;
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    /**
     * A page of the trail, whether the case's whole chain verifies (every entry under a known key, following the one
     * before, and as long as the checkpoint says and ending where it says), and that checkpoint.
     */
    public record TrailPage(Page<AuditEntry> entries, boolean chainIntact, Optional<AuditCheckpoints.Coverage> checkpoint) {
    }

    @Transactional
    public TrailPage trail(UUID caseId, String cursor, int limit) {
        String organisation = caseService.ownedOrErased(caseId).organisation();
        long after = Paging.position(cursor);
        List<AuditEntry> entries = audit.entries(caseId);
        boolean intact = true;
        String previous = AuditEntry.FIRST;
        for (AuditEntry entry : entries) {
            String expectedPrevious = previous;
            intact &= keys.byId(entry.keyId()).map(key -> entry.follows(expectedPrevious, key)).orElse(false);
            previous = entry.hash();
        }
        Optional<AuditCheckpoints.Coverage> checkpoint = checkpoints.cover(caseId, organisation, entries);
        intact &= checkpoint.map(AuditCheckpoints.Coverage::holds).orElse(true);
        List<AuditEntry> fetched = entries.stream().filter(entry -> entry.id() > after).limit(limit + 1L).toList();
        return new TrailPage(Paging.page(fetched, limit, entry -> Page.cursor(Long.toString(entry.id()))), intact, checkpoint);
    }
}
