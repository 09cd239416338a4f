package org.corridor.report;

import io.quarkus.arc.Arc;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.corridor.infra.testing.AsyncApiContract;
import org.corridor.infra.testing.TestKafka;
import org.corridor.platform.events.CloudEventCodec;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.report.service.ProtectedTables;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Case and policy events as case-service and policy-service publish them, checked against their AsyncAPI contracts,
 * sent to the test broker; and a wait until report-service has applied them and the reports show them.
 */
public final class Events {

    private static final AsyncApiContract CASE_CONTRACT = contract("../case-service/asyncapi.yaml");
    private static final AsyncApiContract POLICY_CONTRACT = contract("../policy-service/asyncapi.yaml");

    private Events() {
    }

    /** A case's state at one revision, as every case event carries it. */
    public record CaseAt(UUID caseId, long revision, String organisation, String status, String country,
                         List<Band> bands, Map<String, Integer> vulnerabilities, String journeyKind, String journeyDate) {

        public static CaseAt opened(String organisation, Band... bands) {
            return new CaseAt(UUID.randomUUID(), 1, organisation, "open", null, List.of(bands), Map.of(), null, null);
        }

        /** The next revision after a journey event in {@code country} that leads to {@code status}. */
        public CaseAt journey(String kind, String country, String date, String status) {
            return new CaseAt(caseId, revision + 1, organisation, status, country, bands, vulnerabilities, kind, date);
        }

        /** The same revision without its journey step, as a status-changed event sent with a journey-recorded one. */
        public CaseAt stateOnly() {
            return new CaseAt(caseId, revision, organisation, status, country, bands, vulnerabilities, null, null);
        }

        public CaseAt transferredTo(String newOrganisation) {
            return new CaseAt(caseId, revision + 1, newOrganisation, status, country, bands, vulnerabilities, null, null);
        }

        /** The next revision, its personal data erased in case-service: its codes stay as they were. */
        public CaseAt erased() {
            return new CaseAt(caseId, revision + 1, organisation, status, country, bands, vulnerabilities, null, null);
        }

        public CaseAt withVulnerabilities(Map<String, Integer> counts) {
            return new CaseAt(caseId, revision + 1, organisation, status, country, bands, counts, null, null);
        }

        int people() {
            return bands.stream().mapToInt(Band::count).sum();
        }

        String data() {
            String sexAgeBands = bands.stream()
                    .map(band -> "{\"sex\": \"%s\", \"ageBand\": \"%s\", \"count\": %d}".formatted(band.sex(), band.ageBand(), band.count()))
                    .collect(Collectors.joining(", ", "[", "]"));
            String vulnerable = vulnerabilities.entrySet().stream()
                    .map(entry -> "{\"vulnerability\": \"%s\", \"count\": %d}".formatted(entry.getKey(), entry.getValue()))
                    .collect(Collectors.joining(", ", "[", "]"));
            String journey = journeyKind == null ? "" : ", \"journey\": {\"kind\": \"%s\", \"country\": \"%s\", \"date\": \"%s\"}"
                    .formatted(journeyKind, country, journeyDate);
            return """
                    {"caseId": "%s", "revision": %d, "organisation": "%s", "status": "%s", "currentCountry": %s,
                     "risk": null, "people": %d, "openedOn": "2025-01-02", "sexAgeBands": %s, "vulnerabilities": %s%s}"""
                    .formatted(caseId, revision, organisation, status, country == null ? "null" : "\"" + country + "\"",
                            people(), sexAgeBands, vulnerable, journey);
        }
    }

    public record Band(String sex, String ageBand, int count) {
    }

    public record Sent(UUID eventId, byte[] value) {
    }

    /** A case event of {@code type} (opened, journey-recorded...) carrying {@code state}, valid against the contract. */
    public static Sent caseEvent(String type, CaseAt state, OffsetDateTime time) {
        UUID eventId = UUID.randomUUID();
        byte[] value = CloudEventCodec.encode(eventId.toString(), "/corridor/case-service", CorridorTopics.CASE_EVENT_TYPE_PREFIX + type,
                state.caseId().toString(), time, "req-report-test", state.data());
        String message = switch (type) {
            case "opened" -> "CaseOpened";
            case "journey-recorded" -> "CaseJourneyRecorded";
            case "transferred" -> "CaseTransferred";
            case "erased" -> "CaseErased";
            default -> "CaseUpdated";
        };
        assertEquals(List.of(), violations(CASE_CONTRACT, message, value), "the test event breaks case-service's contract");
        return new Sent(eventId, value);
    }

    public static Sent caseEvent(String type, CaseAt state) {
        return caseEvent(type, state, OffsetDateTime.now(ZoneOffset.UTC));
    }

    public static Sent policyPublished(String country, String validFrom, String validTo, String riskLevel, String recordedAt) {
        Sent event = policyPublishedUnchecked(country, validFrom, validTo, riskLevel, recordedAt);
        assertEquals(List.of(), violations(POLICY_CONTRACT, "PolicyPublished", event.value()));
        return event;
    }

    /** A policy event as policy-service publishes it, but not checked against its contract: for one that breaks it. */
    public static Sent policyPublishedUnchecked(String country, String validFrom, String validTo, String riskLevel,
                                                String recordedAt) {
        UUID eventId = UUID.randomUUID();
        UUID versionId = UUID.randomUUID();
        String version = """
                {"id": "%s", "country": "%s", "validFrom": "%s", "validTo": %s, "recordedAt": "%s",
                 "refugeeRecognition": "not-recognised", "repatriation": "forced", "detention": "routine",
                 "embassyHandover": "none", "penaltiesForHelpers": null, "unhcrAccess": false, "supportAvailable": "none",
                 "riskLevel": "%s", "summary": "s", "sources": ["seeds/002"], "confidence": "medium"}"""
                .formatted(versionId, country, validFrom, validTo == null ? "null" : "\"" + validTo + "\"", recordedAt, riskLevel);
        byte[] value = CloudEventCodec.encode(eventId.toString(), "/corridor/policy-service", CorridorTopics.POLICY_PUBLISHED,
                versionId.toString(), OffsetDateTime.now(ZoneOffset.UTC), "req-report-test", version);
        return new Sent(eventId, value);
    }

    /** Sends events in order, each keyed as its producer keys it (the case id, or the country). */
    public static void send(String topic, String key, Sent... events) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Sent event : events) {
                producer.send(new ProducerRecord<>(topic, key, event.value())).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send test events", e);
        }
    }

    /** Sends a case's events, keyed by its case id, and waits until report-service has applied them all. */
    public static void sendAndAwait(DataSource dataSource, CaseAt state, Sent... events) {
        send(CorridorTopics.CASE_EVENTS, state.caseId().toString(), events);
        await(dataSource, events);
    }

    public static void await(DataSource dataSource, Sent... events) {
        List<UUID> ids = new ArrayList<>();
        for (Sent event : events) {
            ids.add(event.eventId());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (processed(dataSource, ids) < ids.size() && System.nanoTime() < deadline) {
            sleep();
        }
        assertEquals(ids.size(), processed(dataSource, ids), "report-service did not apply the events in time");
        Arc.container().instance(ProtectedTables.class).get().refresh();
    }

    private static long processed(DataSource dataSource, List<UUID> ids) {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT count(*) FROM processed_event WHERE event_id = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> violations(AsyncApiContract contract, String message, byte[] value) {
        try {
            return contract.violations(message, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AsyncApiContract contract(String path) {
        try {
            return AsyncApiContract.load(Path.of(path));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
