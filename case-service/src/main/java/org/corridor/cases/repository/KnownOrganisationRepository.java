package org.corridor.cases.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** The organisations Corridor has seen a caller of: only they can be offered a case. */
@ApplicationScoped
public class KnownOrganisationRepository {

    private final EntityManager entityManager;

    public KnownOrganisationRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void remember(String organisation, Instant now) {
        entityManager.createNativeQuery(
                        "INSERT INTO known_organisation (name, first_seen_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, organisation).setParameter(2, now).executeUpdate();
    }

    public boolean isKnown(String organisation) {
        return !entityManager.createNativeQuery("SELECT 1 FROM known_organisation WHERE name = ?1")
                .setParameter(1, organisation).getResultList().isEmpty();
    }
}
