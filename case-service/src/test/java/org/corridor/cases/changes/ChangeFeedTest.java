package org.corridor.cases.changes;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.corridor.cases.support.TransferOffers;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The change feed as a partner's system follows it: every change once, in order, nothing of another organisation's. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class ChangeFeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    /** An organisation of its own per test, so the feed holds only what the test did. */
    record Organisation(String name, String caseworker, String coordinator) {
        static Organisation fresh() {
            String name = "feed-" + UUID.randomUUID().toString().substring(0, 8);
            return new Organisation(name, bearerFor("cw-" + name, name, "caseworker"), bearerFor("co-" + name, name, "coordinator"));
        }
    }

    static String openCase(Organisation organisation) {
        return given().header("Authorization", organisation.caseworker()).contentType(ContentType.JSON).body("""
                        {"members": [{"alias": "Magnolia", "sex": "female", "ageBand": "18-59", "vulnerabilities": [],
                                      "legalName": "Kim Ok-sun"}],
                         "currentCountry": "CN", "plannedRoute": ["CN", "KR"]}""")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    static JsonPath page(String token, String cursor, String types) {
        var request = given().header("Authorization", token);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        if (types != null) {
            request.queryParam("types", types);
        }
        return request.get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
    }

    /** Every change after the cursor, following `next` until the feed has shown {@code expected} of them. */
    static List<Map<String, Object>> follow(String token, String cursor, int expected) throws InterruptedException {
        List<Map<String, Object>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (seen.size() < expected && System.nanoTime() < deadline) {
            JsonPath page = page(token, cursor, null);
            assertNotNull(page.getString("next"), "next is there even on an empty page");
            seen.addAll(page.getList("items"));
            cursor = page.getString("next");
            if (page.getList("items").isEmpty()) {
                Thread.sleep(100);
            }
        }
        return seen;
    }

    static <T> T awaitValue(java.util.function.Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = read.get();
        }
        return value;
    }

    @Test
    void aPartnerFollowsEveryChangeOnceInOrder() throws Exception {
        Organisation organisation = Organisation.fresh();
        String start = page(organisation.caseworker(), null, null).getString("next");
        String id = openCase(organisation);
        String etag = given().header("Authorization", organisation.caseworker()).get("/api/v1/cases/" + id).then()
                .statusCode(200).extract().header("ETag");
        given().header("Authorization", organisation.caseworker()).header("If-Match", etag)
                .contentType("application/merge-patch+json").body("{\"notes\": \"met at the station\"}")
                .patch("/api/v1/cases/" + id).then().statusCode(200);
        given().header("Authorization", organisation.caseworker()).contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(201);
        given().header("Authorization", organisation.coordinator()).contentType(ContentType.JSON)
                .body("{\"reason\": \"reached safety\"}").post("/api/v1/cases/" + id + "/close").then().statusCode(200);

        List<Map<String, Object>> changes = follow(organisation.caseworker(), start, 4);

        assertEquals(List.of("opened", "updated", "journey-recorded", "closed"), changes.stream().map(c -> c.get("type")).toList());
        assertTrue(changes.stream().allMatch(change -> id.equals(change.get("caseId"))));
        List<Integer> revisions = changes.stream().map(change -> (Integer) change.get("revision")).toList();
        assertEquals(revisions.stream().sorted().distinct().toList(), revisions, "revisions rise with the changes");
        List<Long> ids = changes.stream().map(change -> Long.parseLong((String) change.get("id"))).toList();
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "ids rise with the changes");
        assertFalse(changes.toString().contains("Kim Ok-sun") || changes.toString().contains("Magnolia"));

        JsonPath after = page(organisation.caseworker(), null, "journey-recorded,closed");
        assertEquals(List.of("journey-recorded", "closed"), after.getList("items.type"));
        JsonPath end = page(organisation.caseworker(), after.getString("next"), null);
        assertEquals(List.of(), end.getList("items"));
        assertEquals(after.getString("next"), end.getString("next"), "an empty page leaves the reader where it was");
    }

    @Test
    void aTransferedCaseLeavesOneFeedAndEntersTheOther() throws Exception {
        Organisation sender = Organisation.fresh();
        Organisation receiver = Organisation.fresh();
        String receiverStart = page(receiver.coordinator(), null, null).getString("next");
        String id = openCase(sender);
        String transfer = given().header("Authorization", sender.coordinator()).contentType(ContentType.JSON)
                .body(TransferOffers.to(receiver.name())).post("/api/v1/cases/" + id + "/transfers").then()
                .statusCode(201).extract().path("id");
        given().header("Authorization", receiver.coordinator()).post("/api/v1/transfers/" + transfer + "/accept").then()
                .statusCode(200);

        List<Map<String, Object>> sent = follow(sender.caseworker(), null, 2);
        assertEquals(List.of("opened", "transferred-away"), sent.stream().map(c -> c.get("type")).toList());
        List<Map<String, Object>> received = follow(receiver.caseworker(), receiverStart, 1);
        assertEquals(List.of("transferred-in"), received.stream().map(c -> c.get("type")).toList());
        assertEquals(id, received.getFirst().get("caseId"));
    }

    @Test
    void readingTheFeedIsNotAReadOfAnyCase() throws Exception {
        Organisation organisation = Organisation.fresh();
        String id = openCase(organisation);
        String auditor = bearerFor("au-" + organisation.name(), organisation.name(), "auditor");
        int entries = given().header("Authorization", auditor).get("/api/v1/cases/" + id + "/audit").then()
                .statusCode(200).extract().path("items.size()");

        assertEquals(1, follow(organisation.caseworker(), null, 1).size());
        page(bearerFor("po-" + organisation.name(), organisation.name(), "protection-officer"), null, null);

        given().header("Authorization", auditor).get("/api/v1/cases/" + id + "/audit").then()
                .statusCode(200).body("items", hasSize(entries));
    }

    @Test
    void aChangeCommittedLateIsPlacedAfterWhatReadersHaveSeen() throws Exception {
        Organisation organisation = Organisation.fresh();
        String start = page(organisation.caseworker(), null, null).getString("next");
        UUID slowCase = UUID.randomUUID();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            // a change whose transaction took its id first and commits last
            try (var insert = slow.prepareStatement("""
                    INSERT INTO case_change (organisation, case_id, type, revision, changed_at)
                    VALUES (?, ?, 'UPDATED', 2, now())""")) {
                insert.setString(1, organisation.name());
                insert.setObject(2, slowCase);
                insert.executeUpdate();
            }
            String fast = openCase(organisation);
            List<Map<String, Object>> seen = follow(organisation.caseworker(), start, 1);
            assertEquals(fast, seen.getFirst().get("caseId"));
            String cursor = awaitValue(() -> page(organisation.caseworker(), start, null).getString("next"), next -> true);
            slow.commit();

            List<Map<String, Object>> later = follow(organisation.caseworker(), cursor, 1);
            assertEquals(slowCase.toString(), later.getFirst().get("caseId"), "the late change is after the reader's cursor");
        }
    }

    @Test
    void anotherOrganisationSeesNoneOfIt() throws Exception {
        Organisation organisation = Organisation.fresh();
        Organisation other = Organisation.fresh();
        String otherStart = page(other.caseworker(), null, null).getString("next");
        String id = openCase(organisation);
        follow(organisation.caseworker(), null, 1);

        given().header("Authorization", other.caseworker()).queryParam("cursor", otherStart).get("/api/v1/changes").then()
                .statusCode(200).body("items", hasSize(0));
        given().header("Authorization", other.caseworker()).get("/api/v1/changes").then()
                .statusCode(200).body("items.caseId.flatten()", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }

    @Test
    void badQueriesAreProblemsAndOtherRolesAreRefused() {
        String caseworker = Organisation.fresh().caseworker();
        for (var query : List.of(Map.of("cursor", "@@@"), Map.of("cursor", "LTE"), Map.of("limit", "0"),
                Map.of("limit", "1001"), Map.of("types", "opened,nonsense"), Map.of("types", "opened,"))) {
            given().header("Authorization", caseworker).queryParams(query).get("/api/v1/changes").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(query.keySet().iterator().next()));
        }
        given().header("Authorization", bearerFor("an", "crossing-hope", "analyst")).get("/api/v1/changes").then()
                .statusCode(403);
        given().get("/api/v1/changes").then().statusCode(401);
        given().header("Authorization", caseworker).queryParam("limit", 1000).get("/api/v1/changes").then()
                .statusCode(200).body("next", equalTo(given().header("Authorization", caseworker).get("/api/v1/changes")
                        .then().extract().path("next")));
    }
}
