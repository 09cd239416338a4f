package org.corridor.platform.events;

import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The ids of events this service has applied, written in the same transaction as their effect. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records the events and answers those not applied before, in order; an event twice in the list is answered once.
     * One statement for the whole list.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CloudEvent> recordFirstDeliveries(List<CloudEvent> events) {
        UUID[] ids = events.stream().map(event -> UUID.fromString(event.getId())).toArray(UUID[]::new);
        String[] types = events.stream().map(CloudEvent::getType).toArray(String[]::new);
        Set<UUID> recorded = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO processed_event (event_id, type) SELECT * FROM unnest(?::uuid[], ?::text[])
                    ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")) {
                insert.setArray(1, connection.createArrayOf("uuid", ids));
                insert.setArray(2, connection.createArrayOf("text", types));
                Set<UUID> inserted = new HashSet<>();
                try (var rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
                return inserted;
            }
        });
        return events.stream().filter(event -> recorded.remove(UUID.fromString(event.getId()))).toList();
    }
}
