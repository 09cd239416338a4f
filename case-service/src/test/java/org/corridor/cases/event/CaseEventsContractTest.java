package org.corridor.cases.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.corridor.infra.testing.AsyncApiContract;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.TestKafka;
import org.corridor.platform.events.CorridorTopics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The case events really published through the broker: valid against asyncapi.yaml and free of personal data. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class CaseEventsContractTest {

    static final String CASEWORKER = bearerFor("cw-events", "crossing-hope", "caseworker");
    static final String COORDINATOR = bearerFor("co-events", "crossing-hope", "coordinator");
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> MESSAGE_BY_TYPE = Map.of(
            "org.corridor.case.opened", "CaseOpened",
            "org.corridor.case.updated", "CaseUpdated",
            "org.corridor.case.journey-recorded", "CaseJourneyRecorded",
            "org.corridor.case.status-changed", "CaseStatusChanged",
            "org.corridor.case.transferred", "CaseTransferred",
            "org.corridor.case.risk-changed", "CaseRiskChanged",
            "org.corridor.case.closed", "CaseClosed",
            "org.corridor.case.erased", "CaseErased");

    @Test
    void publishedCaseEventsMatchTheContractAndCarryNoPersonalData() throws Exception {
        // with a trace context, so the contract is checked with the tracing extension on the events
        String id = given().header("Authorization", CASEWORKER).header("traceparent", "00-5bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body("""
                        {"members": [{"alias": "Willow-secret-alias", "sex": "female", "ageBand": "12-17",
                                      "vulnerabilities": ["unaccompanied-child"], "legalName": "Secret Legal Name",
                                      "placeOfOrigin": "Secret Origin"},
                                     {"alias": "Birch-secret-alias", "sex": "female", "ageBand": "12-17"}],
                         "currentCountry": "CN", "plannedRoute": ["CN", "LA", "TH", "KR"], "notes": "Secret note"}""")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\", \"place\": \"Secret Place\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(201);
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body("{\"reason\": \"Secret reason\"}")
                .post("/api/v1/cases/" + id + "/close").then().statusCode(200);
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body("{\"reason\": \"Secret wish\"}")
                .post("/api/v1/cases/" + id + "/erasure").then().statusCode(204);

        List<ConsumerRecord<String, byte[]>> events = awaitEvents(id, 6);
        var contract = AsyncApiContract.load(Path.of("asyncapi.yaml"));
        for (var record : events) {
            assertEquals(id, record.key());
            String text = new String(record.value(), StandardCharsets.UTF_8);
            for (String secret : List.of("Willow", "Birch", "Secret")) {
                assertFalse(text.contains(secret), "an event carries personal data: " + secret);
            }
            JsonNode event = JSON.readTree(record.value());
            String message = MESSAGE_BY_TYPE.get(event.path("type").asText());
            assertEquals(List.of(), contract.violations(message, record.value()), text);
        }
        List<String> types = events.stream().map(record -> json(record).path("type").asText()).toList();
        assertEquals(List.of("org.corridor.case.opened", "org.corridor.case.journey-recorded",
                "org.corridor.case.status-changed", "org.corridor.case.closed", "org.corridor.case.status-changed",
                "org.corridor.case.erased"),
                types.stream().filter(type -> !type.endsWith("risk-changed")).toList());

        JsonNode opened = json(events.get(0)).path("data");
        assertEquals(2, opened.path("people").asInt());
        assertEquals("female", opened.path("sexAgeBands").get(0).path("sex").asText());
        assertEquals("12-17", opened.path("sexAgeBands").get(0).path("ageBand").asText());
        assertEquals(2, opened.path("sexAgeBands").get(0).path("count").asInt());
        assertEquals("unaccompanied-child", opened.path("vulnerabilities").get(0).path("vulnerability").asText());
        JsonNode journey = events.stream().map(CaseEventsContractTest::json)
                .filter(event -> event.path("type").asText().endsWith("journey-recorded")).findFirst().orElseThrow();
        assertEquals("departed", journey.path("data").path("journey").path("kind").asText());
        assertTrue(journey.path("data").path("revision").asInt() > opened.path("revision").asInt());
        JsonNode erased = json(events.getLast()).path("data");
        assertEquals("closed", erased.path("status").asText());
        assertEquals(2, erased.path("people").asInt(), "an erased case is still counted");
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<ConsumerRecord<String, byte[]>> awaitEvents(String caseId, int atLeast) throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> found = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = TestKafka.records(CorridorTopics.CASE_EVENTS).stream().filter(record -> caseId.equals(record.key())).toList();
        }
        return found;
    }
}
