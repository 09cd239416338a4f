package org.corridor.cases.event;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.support.TestPolicies;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.platform.events.CloudEventCodec;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** W3C trace context goes from a request onto the events it causes, and from a consumed event onto what it causes. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class EventTraceTest {

    static final String CASEWORKER = bearerFor("cw-trace", "crossing-hope", "caseworker");
    static final String CALLERS_SPAN = "00f067aa0ba902b7";

    @Inject
    DataSource dataSource;

    @Test
    void aCaseEventContinuesTheTraceOfTheRequestThatCausedIt() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String id = given().header("Authorization", CASEWORKER).header("traceparent", "00-" + traceId + "-" + CALLERS_SPAN + "-01")
                .contentType(ContentType.JSON)
                .body("{\"members\": [{\"alias\": \"Tern\", \"sex\": \"male\", \"ageBand\": \"18-59\"}], \"currentCountry\": \"NP\"}")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");

        var published = CaseEventsContractTest.awaitEvents(id, 1);
        assertFalse(published.isEmpty(), "the case was published");
        String traceparent = CaseEventsContractTest.json(published.getFirst()).path("traceparent").asText();
        assertTrue(traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-0[01]"), traceparent);
        assertFalse(traceparent.contains(CALLERS_SPAN), "the event's parent is case-service's span, not the caller's");
    }

    @Test
    void reScoringAfterAPolicyEventContinuesThatEventsTrace() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String id = given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"members\": [{\"alias\": \"Wren\", \"sex\": \"female\", \"ageBand\": \"18-59\"}], \"currentCountry\": \"BT\"}")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");

        byte[] policy = TestPolicies.published(UUID.randomUUID(), UUID.randomUUID(), "BT", "2000-01-01", "critical",
                Instant.now().toString(), "routine");
        TestPolicies.send("BT", new JsonFormat().serialize(CloudEventBuilder.v1(CloudEventCodec.decode(policy))
                .withExtension("traceparent", "00-" + traceId + "-" + CALLERS_SPAN + "-01").build()));

        String traceparent = awaitRiskChangedTraceparent(id);
        assertNotNull(traceparent, "the case was re-scored, with a trace context");
        assertTrue(traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-0[01]"), traceparent);
    }

    private String awaitRiskChangedTraceparent(String caseId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var connection = dataSource.getConnection(); var query = connection.prepareStatement("""
                    SELECT traceparent FROM outbox_event WHERE type = 'org.corridor.case.risk-changed' AND subject = ?""")) {
                query.setString(1, caseId);
                try (var rows = query.executeQuery()) {
                    if (rows.next()) {
                        return rows.getString(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        return null;
    }
}
