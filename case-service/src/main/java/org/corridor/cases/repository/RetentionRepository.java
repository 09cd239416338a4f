package org.corridor.cases.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** How long each organisation keeps the personal data of its final cases ({@code organisation_retention}). */
@ApplicationScoped
public class RetentionRepository {

    private final EntityManager entityManager;

    public RetentionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The months after which the organisation's final cases are erased; none when it keeps them. */
    public Optional<Integer> monthsAfterFinal(String organisation) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT erase_personal_data_months_after_final FROM organisation_retention
                        WHERE organisation = ?1""", Integer.class)
                .setParameter(1, organisation).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable((Integer) rows.getFirst());
    }

    public void set(String organisation, Integer monthsAfterFinal, String by, Instant now) {
        entityManager.createNativeQuery("""
                        INSERT INTO organisation_retention (organisation, erase_personal_data_months_after_final, updated_by,
                                                            updated_at)
                        VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (organisation) DO UPDATE SET
                            erase_personal_data_months_after_final = excluded.erase_personal_data_months_after_final,
                            updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .setParameter(1, organisation).setParameter(2, monthsAfterFinal).setParameter(3, by).setParameter(4, now)
                .executeUpdate();
    }

    /**
     * The next cases, of any organisation, final for longer than their organisation keeps them and not erased yet,
     * locked (skipping those another transaction holds).
     */
    public List<UUID> lockDue(Instant now, int limit) {
        return entityManager.createNativeQuery("""
                        SELECT c.id FROM case_file c JOIN organisation_retention r ON r.organisation = c.organisation
                        WHERE c.final_since IS NOT NULL AND c.erased_at IS NULL
                          AND c.final_since < CAST(?1 AS timestamptz)
                                              - make_interval(months => r.erase_personal_data_months_after_final)
                        ORDER BY c.id LIMIT ?2 FOR UPDATE OF c SKIP LOCKED""", UUID.class)
                .setParameter(1, now.toString()).setParameter(2, limit).getResultList();
    }
}
