package org.corridor.report.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The time of the latest event applied per stream: how current a report is. */
@ApplicationScoped
public class EventClockRepository {

    private final EntityManager entityManager;

    public EventClockRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Moves each stream's clock forward to its time, never back: events replayed in any order end the same. Streams are
     * written in name order, so two writers cannot deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(Map<String, OffsetDateTime> latestByStream) {
        if (latestByStream.isEmpty()) {
            return;
        }
        SortedMap<String, OffsetDateTime> sorted = new TreeMap<>(latestByStream);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var upsert = connection.prepareStatement("""
                    INSERT INTO event_clock (stream, last_event_at)
                    SELECT stream, CAST(latest AS timestamptz) FROM unnest(?::text[], ?::text[]) AS clock(stream, latest)
                    ON CONFLICT (stream) DO UPDATE
                    SET last_event_at = GREATEST(event_clock.last_event_at, EXCLUDED.last_event_at)""")) {
                upsert.setArray(1, connection.createArrayOf("text", sorted.keySet().toArray()));
                upsert.setArray(2, connection.createArrayOf("text", sorted.values().stream().map(OffsetDateTime::toString).toArray()));
                upsert.executeUpdate();
            }
        });
    }

    @Transactional
    public Optional<Instant> lastEvent(String stream) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var query = connection.prepareStatement("SELECT last_event_at FROM event_clock WHERE stream = ?")) {
                query.setString(1, stream);
                try (var rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(rows.getObject(1, OffsetDateTime.class).toInstant()) : Optional.<Instant>empty();
                }
            }
        });
    }
}
