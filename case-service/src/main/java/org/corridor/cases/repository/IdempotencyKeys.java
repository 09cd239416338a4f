package org.corridor.cases.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Idempotency-Key of case creation, per organisation: a replay finds the case it created. */
@ApplicationScoped
public class IdempotencyKeys {

    private final EntityManager entityManager;

    public IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Remembered> find(String organisation, String key) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT request_hash, case_id FROM idempotency_key WHERE organisation = ?1 AND key = ?2")
                .setParameter(1, organisation)
                .setParameter(2, key)
                .getResultList();
        return rows.stream().findFirst().map(row -> (Object[]) row)
                .map(row -> new Remembered((String) row[0], (UUID) row[1]));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String organisation, String key, String requestHash, UUID caseId, Instant now) {
        entityManager.createNativeQuery("""
                        INSERT INTO idempotency_key (organisation, key, request_hash, case_id, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, organisation)
                .setParameter(2, key)
                .setParameter(3, requestHash)
                .setParameter(4, caseId)
                .setParameter(5, now)
                .executeUpdate();
    }

    public record Remembered(String requestHash, UUID caseId) {
    }
}
