package org.corridor.policy.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.corridor.infra.testing.AsyncApiContract;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.TestKafka;
import org.corridor.platform.events.CorridorTopics;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class PolicyPublishedEventTest {

    static final String EDITOR = bearerFor("editor-2", "crossing-hope", "policy-editor");
    static final String APPROVER = bearerFor("approver-2", "open-road", "policy-approver");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @TestHTTPResource(value = "metrics", management = true)
    URL metricsUrl;

    @Inject
    DataSource dataSource;

    String publish(String country, String requestId) {
        String draftId = given().header("Authorization", EDITOR).contentType(ContentType.JSON).body("""
                        {"validFrom": "2026-09-01", "refugeeRecognition": "not-recognised", "repatriation": "forced",
                         "detention": "routine", "embassyHandover": "none", "riskLevel": "critical",
                         "summary": "Test publication.", "sources": ["seeds/004"]}""")
                .post("/api/v1/countries/" + country + "/policy/drafts").then().statusCode(201).extract().path("id");
        return given().header("Authorization", APPROVER).header("X-Request-Id", requestId)
                .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .post("/api/v1/countries/" + country + "/policy/drafts/" + draftId + "/publish")
                .then().statusCode(200).extract().path("id");
    }

    static List<ConsumerRecord<String, byte[]>> eventsAbout(String versionId) throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> found = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = TestKafka.records(CorridorTopics.POLICY_EVENTS).stream()
                    .filter(record -> versionId.equals(json(record).path("subject").asText()))
                    .toList();
            if (found.isEmpty()) {
                Thread.sleep(200);
            }
        }
        return found;
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON", e);
        }
    }

    @Test
    void publicationIsACloudEventThatMatchesTheAsyncApiContract() throws Exception {
        String versionId = publish("KP", "req-publish-1");

        List<ConsumerRecord<String, byte[]>> events = eventsAbout(versionId);
        assertEquals(1, events.size());
        var record = events.get(0);
        assertEquals("KP", record.key());
        assertEquals("application/cloudevents+json; charset=UTF-8",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));

        JsonNode event = json(record);
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals("org.corridor.policy.published", event.path("type").asText());
        assertEquals("req-publish-1", event.path("requestid").asText());
        assertTrue(event.path("traceparent").asText().startsWith("00-" + TRACE_ID + "-"),
                "the event continues the trace of the request that published it: " + event.path("traceparent"));
        assertEquals("critical", event.path("data").path("riskLevel").asText());
        assertEquals("2026-09-01", event.path("data").path("validFrom").asText());

        var contract = AsyncApiContract.load(Path.of("asyncapi.yaml"));
        assertEquals(List.of(), contract.violations("PolicyPublished", record.value()));
    }

    @Test
    void referenceDataIsPublishedToo() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long countries = 0;
        while (countries < 7 && System.nanoTime() < deadline) {
            countries = TestKafka.records(CorridorTopics.POLICY_EVENTS).stream().map(ConsumerRecord::key).distinct().count();
            Thread.sleep(200);
        }
        assertTrue(countries >= 7, "an event for each reference country");
    }

    @Test
    void anEventWrittenWhileTheBrokerIsDownIsPublishedOnceItIsBack() throws Exception {
        TestKafka.stop();
        String versionId;
        try {
            versionId = publish("VN", "req-outage-1");
            Thread.sleep(1000);
            assertNull(publishedAt(versionId), "nothing can be published while the broker is down");
            assertTrue(metric("corridor_outbox_backlog") >= 1, "the backlog counts the waiting event");
            assertTrue(metric("corridor_outbox_oldest_age_seconds") >= 1, "the oldest waiting event's age");
        } finally {
            TestKafka.restart();
        }
        List<ConsumerRecord<String, byte[]>> events = eventsAbout(versionId);
        assertEquals(1, events.size(), "published exactly once after the outage");
        assertEquals("VN", events.get(0).key());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (publishedAt(versionId) == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertNotNull(publishedAt(versionId));
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (metric("corridor_outbox_backlog") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, metric("corridor_outbox_backlog"));
        assertEquals(0, metric("corridor_outbox_oldest_age_seconds"));
    }

    /**
     * An event whose commit is visible but not durable (here: committed with synchronous_commit=local while a
     * synchronous standby is required and never answers, as a commit whose wait for the standby was cancelled) is
     * not published until it is.
     */
    @Test
    void anEventIsPublishedOnlyOnceItsCommitIsDurable() throws Exception {
        String subject = UUID.randomUUID().toString();
        try (var admin = dataSource.getConnection(); var statement = admin.createStatement()) {
            statement.execute("ALTER SYSTEM SET synchronous_standby_names = 'absent_standby'");
            statement.execute("SELECT pg_reload_conf()");
            try {
                Thread.sleep(500); // the reload reaches every backend
                appendVisibleButNotDurable(subject);
                Thread.sleep(2000);
                assertEquals(List.of(), TestKafka.records(CorridorTopics.POLICY_EVENTS).stream()
                        .filter(record -> subject.equals(json(record).path("subject").asText())).toList(),
                        "not published while only the primary has it");
            } finally {
                statement.execute("ALTER SYSTEM RESET synchronous_standby_names");
                statement.execute("SELECT pg_reload_conf()");
            }
        }
        assertEquals(1, eventsAbout(subject).size(), "published once durable");
    }

    void appendVisibleButNotDurable(String subject) throws Exception {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("SET LOCAL synchronous_commit = local");
            try (var insert = connection.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, record_key, type, subject, payload, occurred_at)
                    VALUES (gen_random_uuid(), ?, 'ZZ', ?, ?, '{}', now())""")) {
                insert.setString(1, CorridorTopics.POLICY_EVENTS);
                insert.setString(2, CorridorTopics.POLICY_PUBLISHED);
                insert.setString(3, subject);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    double metric(String name) {
        String metrics = given().when().get(metricsUrl).then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no metric " + name));
    }

    Object publishedAt(String versionId) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT published_at FROM outbox_event WHERE subject = ?")) {
            query.setString(1, versionId);
            try (var rows = query.executeQuery()) {
                assertTrue(rows.next(), "the event is in the outbox");
                return rows.getObject(1);
            }
        }
    }
}
