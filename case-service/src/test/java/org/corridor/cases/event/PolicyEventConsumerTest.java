package org.corridor.cases.event;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.corridor.cases.repository.KnownPolicyRepository;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.TestKafka;
import org.corridor.platform.events.CloudEventCodec;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class PolicyEventConsumerTest {

    @Inject
    KnownPolicyRepository knownPolicies;

    @Inject
    DataSource dataSource;

    static byte[] published(UUID eventId, UUID versionId, String country, String validFrom, String riskLevel, String recordedAt) {
        String version = """
                {"id": "%s", "country": "%s", "validFrom": "%s", "validTo": null, "recordedAt": "%s",
                 "refugeeRecognition": "not-recognised", "repatriation": "forced", "detention": "routine",
                 "embassyHandover": "none", "penaltiesForHelpers": null, "unhcrAccess": false, "supportAvailable": "none",
                 "riskLevel": "%s", "summary": "s", "sources": ["seeds/002"], "confidence": "medium"}"""
                .formatted(versionId, country, validFrom, recordedAt, riskLevel);
        return CloudEventCodec.encode(eventId.toString(), "/corridor/policy-service", PolicyEventConsumer.POLICY_PUBLISHED,
                versionId.toString(), OffsetDateTime.now(), "req-test", version);
    }

    static void send(String key, byte[] event) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("corridor.policy-events", key, event)).get();
        }
    }

    long processed(UUID eventId) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT count(*) FROM processed_event WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    void awaitProcessed(UUID eventId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processed(eventId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, processed(eventId));
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() throws Exception {
        UUID eventId = UUID.randomUUID();
        UUID versionId = UUID.randomUUID();
        byte[] event = published(eventId, versionId, "MN", "2009-01-01", "high", "2026-01-01T00:00:00Z");
        long before = knownPolicies.count();

        send("MN", event);
        awaitProcessed(eventId);
        assertEquals(before + 1, knownPolicies.count());

        // the same event again, as a producer retry or a replay would deliver it, followed by a marker event
        send("MN", event);
        UUID marker = UUID.randomUUID();
        send("MN", published(marker, UUID.randomUUID(), "MN", "2030-01-01", "low", "2026-01-02T00:00:00Z"));
        awaitProcessed(marker);

        assertEquals(1, processed(eventId));
        assertEquals(before + 2, knownPolicies.count(), "the redelivery added nothing; the marker added one");
        assertTrue(knownPolicies.versionInForce("MN", LocalDate.parse("2020-06-01")).orElseThrow().contains(versionId.toString()));
    }

    @Test
    void theLatestRecordedVersionCoveringADayIsInForce() throws Exception {
        UUID old = UUID.randomUUID();
        UUID correction = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        send("LA", published(UUID.randomUUID(), old, "LA", "2014-01-01", "high", "2026-01-01T00:00:00Z"));
        send("LA", published(marker, correction, "LA", "2020-01-01", "critical", "2026-03-01T00:00:00Z"));
        awaitProcessed(marker);

        assertTrue(knownPolicies.versionInForce("LA", LocalDate.parse("2016-01-01")).orElseThrow().contains(old.toString()));
        assertTrue(knownPolicies.versionInForce("LA", LocalDate.parse("2021-01-01")).orElseThrow().contains(correction.toString()));
        assertTrue(knownPolicies.versionInForce("LA", LocalDate.parse("2000-01-01")).isEmpty());
    }
}
