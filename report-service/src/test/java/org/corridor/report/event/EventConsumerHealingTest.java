package org.corridor.report.event;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.TestKafka;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.DeadLetters;
import org.corridor.report.Events;
import org.corridor.report.Events.Band;
import org.corridor.report.Events.CaseAt;
import org.corridor.report.Events.Sent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's event consumer, as report-service runs it, against the real broker and database: a record it cannot
 * apply goes to the dead-letter topic and the consumer moves on; the database or the broker going away is waited out
 * (readiness DOWN meanwhile) and nothing is lost or dead-lettered, without restarting the application.
 */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class EventConsumerHealingTest {

    static final String DEAD_LETTERED = "corridor_events_dead_lettered_total";

    @TestHTTPResource(value = "metrics", management = true)
    URL metricsUrl;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.password")
    String databasePassword;

    @Test
    void aMalformedRecordAndAnEventBreakingAConstraintAreDeadLetteredAndTheEventsAfterThemApplied() {
        double deadLetteredBefore = deadLettered(CorridorTopics.POLICY_EVENTS);
        Sent malformed = new Sent(UUID.randomUUID(), ("not a CloudEvent " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        // the country column only takes two capitals: the event reads well, and its insert breaks the CHECK
        Sent breaksConstraint = Events.policyPublishedUnchecked("zz", "2015-01-01", null, "high", "2026-01-01T00:00:00Z");
        Sent afterMalformed = Events.policyPublished("ZZ", "2016-01-01", null, "high", "2026-01-01T00:00:00Z");
        Sent afterBroken = Events.policyPublished("ZZ", "2017-01-01", null, "medium", "2026-02-01T00:00:00Z");

        Events.send(CorridorTopics.POLICY_EVENTS, "ZZ", malformed, afterMalformed, breaksConstraint, afterBroken);
        Events.await(dataSource, afterMalformed, afterBroken);

        var deadLetters = TestKafka.records(CorridorTopics.deadLetterOf(CorridorTopics.POLICY_EVENTS));
        assertTrue(reason(deadLetters, malformed).orElseThrow().contains("not a Corridor event"),
                "the malformed record is on the dead-letter topic with its reason");
        String constraintReason = reason(deadLetters, breaksConstraint).orElseThrow();
        assertTrue(constraintReason.contains("SQL state 23514"), constraintReason);
        assertTrue(!constraintReason.contains("zz"), "the reason never quotes the data: " + constraintReason);
        assertEquals(deadLetteredBefore + 2, deadLettered(CorridorTopics.POLICY_EVENTS));
        assertEventConsumer("UP");
    }

    @Test
    void theDatabaseGoingAwayIsWaitedOutEvenThroughARebalanceAndNothingIsDeadLettered() throws Exception {
        double deadLetteredBefore = deadLettered(CorridorTopics.CASE_EVENTS);
        String database = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
        List<CaseAt> cases = List.of(newCase(), newCase(), newCase());
        List<Sent> events = cases.stream().map(state -> Events.caseEvent("opened", state)).toList();

        administer("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
        try {
            administer("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            for (int i = 0; i < cases.size(); i++) {
                Events.send(CorridorTopics.CASE_EVENTS, cases.get(i).caseId().toString(), events.get(i));
            }
            awaitEventConsumer("DOWN");
            rebalance();
            // longer than the attempts that would dead-letter an event failing while the database answers
            Thread.sleep(Duration.ofSeconds(10));
        } finally {
            administer("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
        }

        Events.await(dataSource, events.toArray(Sent[]::new));
        awaitEventConsumer("UP");
        assertEquals(deadLetteredBefore, deadLettered(CorridorTopics.CASE_EVENTS));
        var deadLetters = TestKafka.records(CorridorTopics.deadLetterOf(CorridorTopics.CASE_EVENTS));
        events.forEach(event -> assertEquals(Optional.empty(), reason(deadLetters, event)));
    }

    @Test
    void theBrokerGoingAwayIsWaitedOut() {
        CaseAt before = newCase();
        Events.sendAndAwait(dataSource, before, Events.caseEvent("opened", before));

        TestKafka.stop();
        try {
            awaitEventConsumer("DOWN");
        } finally {
            TestKafka.restart();
        }
        CaseAt after = newCase();
        Events.sendAndAwait(dataSource, after, Events.caseEvent("opened", after));
        awaitEventConsumer("UP");

        String topic = "topic=\"" + CorridorTopics.CASE_EVENTS + "\"";
        assertTrue(metric("corridor_events_consumer_last_applied_age_seconds", topic) < 600,
                "the age of the last applied event is measured");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (metric("corridor_events_consumer_lag", topic) != 0 && System.nanoTime() < deadline) {
            pause();
        }
        assertEquals(0, metric("corridor_events_consumer_lag", topic), "no partition lags once all is applied");
    }

    /**
     * Makes the group rebalance twice (a second member joins, then leaves), so the service's consumer is assigned its
     * partitions again while it cannot read their recorded positions.
     */
    static void rebalance() {
        try (var intruder = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "report-service",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            intruder.subscribe(List.of(CorridorTopics.CASE_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (intruder.assignment().isEmpty() && System.nanoTime() < deadline) {
                intruder.poll(Duration.ofMillis(200));
            }
            assertTrue(!intruder.assignment().isEmpty(), "the group did not rebalance");
        }
    }

    static CaseAt newCase() {
        return CaseAt.opened("org-" + UUID.randomUUID(), new Band("female", "18-59", 2));
    }

    void administer(String sql) throws Exception {
        String server = databaseUrl.substring(0, databaseUrl.lastIndexOf('/'));
        try (var connection = DriverManager.getConnection(server + "/postgres", "postgres", databasePassword);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static Optional<String> reason(List<ConsumerRecord<String, byte[]>> deadLetters, Sent event) {
        return deadLetters.stream()
                .filter(record -> Arrays.equals(record.value(), event.value()))
                .map(record -> new String(record.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .findFirst();
    }

    double deadLettered(String topic) {
        double counted = metric(DEAD_LETTERED, "topic=\"" + topic + "\"");
        return Double.isNaN(counted) ? 0 : counted;
    }

    /** The sum of the metric's series whose labels include {@code label}; NaN when there is none. */
    double metric(String name, String label) {
        String metrics = given().when().get(metricsUrl).then().statusCode(200).extract().asString();
        var lines = Pattern.compile("^" + name + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        double sum = Double.NaN;
        while (lines.find()) {
            if (lines.group(1).contains(label)) {
                sum = (Double.isNaN(sum) ? 0 : sum) + Double.parseDouble(lines.group(2));
            }
        }
        return sum;
    }

    String eventConsumerStatus() {
        return given().when().get(readiness).then().extract()
                .path("checks.find { it.name == 'event-consumer' }.status");
    }

    void assertEventConsumer(String status) {
        assertEquals(status, eventConsumerStatus());
    }

    void awaitEventConsumer(String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!status.equals(eventConsumerStatus()) && System.nanoTime() < deadline) {
            pause();
        }
        assertEventConsumer(status);
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
