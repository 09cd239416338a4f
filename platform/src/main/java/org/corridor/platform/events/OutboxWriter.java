package org.corridor.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.platform.request.RequestIds;
import org.hibernate.Session;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the outbox inside the transaction of the change it describes, so the two cannot disagree;
 * {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    public OutboxWriter(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    /** Appends an event; {@code key} is the aggregate id (the Kafka record key), {@code payload} a record. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(String topic, String key, String type, String subject, Object payload) {
        return appendAll(List.of(new Event(topic, key, type, subject, payload))).getFirst();
    }

    /**
     * Appends events in their order, in one batch on the transaction's connection, and answers their ids. Written
     * through JDBC, so the events of many changes cost neither a statement each nor a flush of the session each.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> appendAll(List<Event> events) {
        EventTracing.TraceContext trace = EventTracing.current();
        String requestId = RequestIds.current();
        OffsetDateTime occurredAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<UUID> eventIds = new ArrayList<>(events.size());
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, record_key, type, subject, payload, request_id, occurred_at,
                                              traceparent, tracestate)
                    VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""")) {
                for (Event event : events) {
                    UUID eventId = UUID.randomUUID();
                    insert.setObject(1, eventId);
                    insert.setString(2, event.topic());
                    insert.setString(3, event.key());
                    insert.setString(4, event.type());
                    insert.setString(5, event.subject());
                    insert.setString(6, json(event.payload()));
                    insert.setString(7, requestId);
                    insert.setObject(8, occurredAt);
                    insert.setString(9, trace.traceparent());
                    insert.setString(10, trace.tracestate());
                    insert.addBatch();
                    eventIds.add(eventId);
                }
                insert.executeBatch();
            }
        });
        return eventIds;
    }

    /** An event to append: {@code key} is the aggregate id (the Kafka record key), {@code payload} a record. */
    public record Event(String topic, String key, String type, String subject, Object payload) {
    }

    private String json(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + payload.getClass().getName(), e);
        }
    }
}
