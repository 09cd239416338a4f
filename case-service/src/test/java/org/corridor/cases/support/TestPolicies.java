package org.corridor.cases.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.corridor.infra.testing.TestKafka;
import org.corridor.platform.events.CloudEventCodec;
import org.corridor.platform.events.CorridorTopics;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Publishes policy versions the way policy-service does, for case-service to learn them from the broker. */
public final class TestPolicies {

    private TestPolicies() {
    }

    public static byte[] published(UUID eventId, UUID versionId, String country, String validFrom, String riskLevel,
                                   String recordedAt, String detention) {
        String version = """
                {"id": "%s", "country": "%s", "validFrom": "%s", "validTo": null, "recordedAt": "%s",
                 "refugeeRecognition": "not-recognised", "repatriation": "forced", "detention": "%s",
                 "embassyHandover": "none", "penaltiesForHelpers": null, "unhcrAccess": false, "supportAvailable": "none",
                 "riskLevel": "%s", "summary": "Test policy for %s.", "sources": ["seeds/002"], "confidence": "medium"}"""
                .formatted(versionId, country, validFrom, recordedAt, detention, riskLevel, country);
        return CloudEventCodec.encode(eventId.toString(), "/corridor/policy-service", CorridorTopics.POLICY_PUBLISHED,
                versionId.toString(), OffsetDateTime.now(), "req-test", version);
    }

    public static void send(String key, byte[] event) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(CorridorTopics.POLICY_EVENTS, key, event)).get();
        }
    }

    /** Publishes a version recorded now and waits until case-service has applied it and re-scored its cases. */
    public static UUID publishAndAwait(DataSource dataSource, String country, String validFrom, String riskLevel, String detention)
            throws Exception {
        UUID eventId = UUID.randomUUID();
        send(country, published(eventId, UUID.randomUUID(), country, validFrom, riskLevel, Instant.now().toString(), detention));
        awaitProcessed(dataSource, eventId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(dataSource, "SELECT count(*) FROM risk_rescore_job") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (count(dataSource, "SELECT count(*) FROM risk_rescore_job") > 0) {
            throw new AssertionError("cases were not re-scored");
        }
        return eventId;
    }

    static long count(DataSource dataSource, String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public static long processed(DataSource dataSource, UUID eventId) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT count(*) FROM processed_event WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public static void awaitProcessed(DataSource dataSource, UUID eventId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processed(dataSource, eventId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (processed(dataSource, eventId) != 1) {
            throw new AssertionError("event " + eventId + " was not applied");
        }
    }
}
