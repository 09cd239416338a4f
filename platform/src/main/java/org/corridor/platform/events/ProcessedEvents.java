package org.corridor.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** The ids of events this service has applied, written in the same transaction as their effect. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the event and answers whether it is new; false means it was applied before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordFirstDelivery(UUID eventId, String type) {
        return entityManager.createNativeQuery(
                        "INSERT INTO processed_event (event_id, type) VALUES (?1, ?2) ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, eventId)
                .setParameter(2, type)
                .executeUpdate() == 1;
    }
}
