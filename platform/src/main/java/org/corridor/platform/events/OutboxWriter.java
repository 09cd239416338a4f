package org.corridor.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.platform.request.RequestIds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        UUID eventId = UUID.randomUUID();
        EventTracing.TraceContext trace = EventTracing.current();
        entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (event_id, topic, record_key, type, subject, payload, request_id, occurred_at,
                                                  traceparent, tracestate)
                        VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), ?7, ?8, ?9, ?10)""")
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, type)
                .setParameter(5, subject)
                .setParameter(6, json(payload))
                .setParameter(7, RequestIds.current())
                .setParameter(8, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(9, trace.traceparent())
                .setParameter(10, trace.tracestate())
                .executeUpdate();
        return eventId;
    }

    private String json(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serialisable: " + payload.getClass().getName(), e);
        }
    }
}
