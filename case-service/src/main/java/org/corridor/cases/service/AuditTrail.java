package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.request.RequestIds;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Appends to each case's hash-chained audit trail, in the transaction of the read or write it records. */
@ApplicationScoped
public class AuditTrail {

    private final EntityManager entityManager;
    private final Caller caller;
    private final Clock clock = Clock.systemUTC();

    public AuditTrail(EntityManager entityManager, Caller caller) {
        this.entityManager = entityManager;
        this.caller = caller;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, AuditAction action) {
        record(caseId, caller.subject(), caller.organisation(), action);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, String actor, String organisation, AuditAction action) {
        // one writer per case at a time, so the chain never forks
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(CAST(?1 AS text), 0))")
                .setParameter(1, caseId).getSingleResult();
        String previous = entityManager.createQuery(
                        "SELECT a.hash FROM AuditEntry a WHERE a.caseId = ?1 ORDER BY a.id DESC", String.class)
                .setParameter(1, caseId).setMaxResults(1).getResultStream().findFirst().orElse(AuditEntry.FIRST);
        // PostgreSQL keeps microseconds: hash what will be read back
        entityManager.persist(AuditEntry.after(previous, caseId, actor, organisation, action, RequestIds.current(),
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditEntry> entries(UUID caseId) {
        return entityManager.createQuery("SELECT a FROM AuditEntry a WHERE a.caseId = ?1 ORDER BY a.id", AuditEntry.class)
                .setParameter(1, caseId).getResultList();
    }
}
