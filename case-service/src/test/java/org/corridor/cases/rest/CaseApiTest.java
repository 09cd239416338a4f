package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.corridor.cases.support.TestPolicies;
import org.corridor.cases.support.TransferOffers;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class CaseApiTest {

    static final String A = "crossing-hope";
    static final String B = "open-road";
    static final String CASEWORKER = bearerFor("cw-a", A, "caseworker");
    static final String OFFICER = bearerFor("po-a", A, "protection-officer");
    static final String COORDINATOR = bearerFor("co-a", A, "coordinator");
    static final String AUDITOR = bearerFor("au-a", A, "auditor");
    static final String ANALYST = bearerFor("an-a", A, "analyst");
    static final String OTHER_CASEWORKER = bearerFor("cw-b", B, "caseworker");
    static final String OTHER_COORDINATOR = bearerFor("co-b", B, "coordinator");
    static final String OTHER_OFFICER = bearerFor("po-b", B, "protection-officer");

    static final String LEGAL_NAME = "Kim Ok-sun-" + UUID.randomUUID();

    @Inject
    DataSource dataSource;

    @BeforeEach
    void policies() throws Exception {
        TestPolicies.publishAndAwait(dataSource, "CN", "2008-08-01", "critical", "routine");
        TestPolicies.publishAndAwait(dataSource, "KR", "1995-01-01", "low", "none");
        // cases can be offered only to an organisation whose people have used Corridor
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/transfers").then().statusCode(200);
    }

    static String group(String route) {
        return """
                {"members": [
                   {"alias": "Magnolia", "sex": "female", "ageBand": "18-59", "vulnerabilities": ["trafficking-survivor"],
                    "legalName": "%s", "dateOfBirth": "1987", "placeOfOrigin": "Hyesan", "relatives": "A brother in Musan",
                    "contact": "via church shelter"},
                   {"alias": "Pine", "sex": "male", "ageBand": "60+", "vulnerabilities": ["elderly", "medical"]},
                   {"alias": "Sparrow", "sex": "female", "ageBand": "5-11", "vulnerabilities": ["unaccompanied-child"]}],
                 "currentCountry": "CN", "plannedRoute": %s,
                 "needs": [{"kind": "shelter", "state": "identified"}, {"kind": "medical", "state": "referred"}],
                 "notes": "Met at the border; afraid of brokers."}""".formatted(LEGAL_NAME, route);
    }

    static ExtractableResponse<Response> open(String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases").then().statusCode(201).extract();
    }

    static String openCase() {
        return open(CASEWORKER, group("[\"CN\", \"MN\", \"KR\"]")).path("id");
    }

    long count(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void opensACaseThatCaseworkersSeeMaskedAndProtectionOfficersInFull() {
        var created = open(CASEWORKER, group("[\"CN\", \"MN\", \"KR\"]"));
        String id = created.path("id");
        assertNotNull(created.header("ETag"));
        assertEquals("/api/v1/cases/" + id, created.header("Location"));
        assertEquals("open", created.path("status"));
        assertEquals(Boolean.TRUE, created.path("personalDataMasked"));
        assertEquals(null, (String) created.path("members[0].legalName"));
        assertEquals("Magnolia", created.path("members[0].alias"));

        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id).then()
                .statusCode(200).header("ETag", notNullValue())
                .body("members", hasSize(3))
                .body("members[0].legalName", nullValue())
                .body("notes", nullValue())
                .body("risk.level", equalTo("critical"))
                .body("needs[1].kind", equalTo("medical"))
                .body(not(containsString(LEGAL_NAME)));
        given().header("Authorization", OFFICER).get("/api/v1/cases/" + id).then()
                .statusCode(200)
                .body("personalDataMasked", equalTo(false))
                .body("members[0].legalName", equalTo(LEGAL_NAME))
                .body("members[0].placeOfOrigin", equalTo("Hyesan"))
                .body("notes", equalTo("Met at the border; afraid of brokers."));
    }

    @Test
    void personalDataIsEncryptedAtRest() throws Exception {
        String id = openCase();
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("""
                     SELECT m.alias, m.personal_data, c.notes, c.key_id, c.data_key FROM case_member m JOIN case_file c ON c.id = m.case_id
                     WHERE c.id = ?::uuid ORDER BY m.position LIMIT 1""")) {
            query.setString(1, id);
            try (var rows = query.executeQuery()) {
                assertTrue(rows.next());
                for (int column = 1; column <= 3; column++) {
                    String raw = new String(rows.getBytes(column), StandardCharsets.ISO_8859_1);
                    assertFalse(raw.contains("Magnolia") || raw.contains(LEGAL_NAME) || raw.contains("Hyesan") || raw.contains("brokers"),
                            "column " + column + " holds plaintext");
                }
                assertEquals(null, rows.getString(4), "sealed under a key derived for the organisation, not its own");
                assertNotNull(rows.getBytes(5), "no data key of its own");
            }
        }
        for (String table : new String[] {"case_file", "case_member", "journey_entry", "audit_entry", "outbox_event"}) {
            try (var connection = dataSource.getConnection();
                 var dump = connection.createStatement().executeQuery("SELECT string_agg(t::text, '') FROM " + table + " t")) {
                dump.next();
                String text = String.valueOf(dump.getString(1));
                assertFalse(text.contains(LEGAL_NAME) || text.contains("Hyesan") || text.contains("Magnolia"), table + " holds plaintext");
            }
        }
    }

    @Test
    void journeyMovesTheStatusAndRefusesWhatCannotHappen() {
        String id = openCase();
        String journey = "/api/v1/cases/" + id + "/journey";
        record(id, "departed", "CN", 201);
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id).then().body("status", equalTo("in-transit"));
        record(id, "detained", "CN", 201);
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"arrived\", \"country\": \"KR\", \"date\": \"2026-10-05\"}").post(journey).then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("A case that is detained cannot record 'arrived'"));
        record(id, "released", "CN", 201);
        record(id, "entered-country", "MN", 201);
        record(id, "handed-to-embassy", "MN", 201);
        record(id, "arrived", "KR", 201);
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id).then()
                .body("status", equalTo("resettled")).body("currentCountry", equalTo("KR")).body("risk", nullValue());
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"detained\", \"country\": \"CN\", \"date\": \"2026-10-09\"}").post(journey).then()
                .statusCode(409).body("detail", containsString("resettled"));

        given().header("Authorization", CASEWORKER).queryParam("limit", 4).get(journey).then()
                .statusCode(200).body("items", hasSize(4)).body("items[0].kind", equalTo("departed"))
                .body("items[0].place", nullValue()).body("next", notNullValue());
        String next = given().header("Authorization", CASEWORKER).queryParam("limit", 4).get(journey).then().extract().path("next");
        given().header("Authorization", OFFICER).queryParam("cursor", next).get(journey).then()
                .statusCode(200).body("items", hasSize(2)).body("items[1].kind", equalTo("arrived"))
                .body("items[1].place", equalTo("Incheon")).body("next", nullValue());
    }

    @Test
    void wronglyTypedBodiesAreProblemsNamingTheFieldAndChangeNothing() throws Exception {
        String id = openCase();
        long cases = count("SELECT count(*) FROM case_file");
        Map<String, String> openings = Map.of(
                "[]", "body",
                "\"Magnolia\"", "body",
                "{\"members\": \"Magnolia\", \"currentCountry\": \"CN\", \"plannedRoute\": [\"CN\"]}", "members",
                group("\"CN\""), "plannedRoute",
                group("[\"CN\"]").replace("\"" + LEGAL_NAME + "\"", "5"), "members[0].legalName",
                group("[\"CN\"]").replace("\"alias\": \"Pine\"", "\"alias\": true"), "members[1].alias");
        openings.forEach((body, field) -> given().header("Authorization", CASEWORKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field)))
                .body(not(containsString("Magnolia"))));
        assertEquals(cases, count("SELECT count(*) FROM case_file"));

        String journey = "/api/v1/cases/" + id + "/journey";
        Map<String, String> events = Map.of(
                "[]", "body",
                "{\"kind\": \"departed\", \"country\": \"CN\", \"date\": 5}", "date",
                "{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\", \"place\": 5}", "place");
        events.forEach((body, field) -> given().header("Authorization", CASEWORKER).contentType(ContentType.JSON).body(body)
                .post(journey).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field))));
        given().header("Authorization", CASEWORKER).get(journey).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void locationNeverComesFromTheHostTheCallerSent() {
        String id = given().header("Authorization", CASEWORKER).header("Host", "attacker.example")
                .contentType(ContentType.JSON).body(group("[\"CN\"]"))
                .post("/api/v1/cases").then().statusCode(201)
                .header("Location", not(containsString("attacker.example"))).extract().path("id");
        given().header("Authorization", CASEWORKER).header("Host", "attacker.example").contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(201)
                .header("Location", equalTo("/api/v1/cases/" + id + "/journey"));
    }

    @Test
    void aLateEventTakesItsPlaceByDateAndTheStatusFollowsTheJourneyAsItHappened() throws Exception {
        String id = openCase();
        recordOn(id, "departed", "CN", "2026-10-01", 201);
        recordOn(id, "detained", "MN", "2026-10-10", 201);
        recordOn(id, "entered-country", "MN", "2026-10-05", 201);
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id).then()
                .body("status", equalTo("detained")).body("currentCountry", equalTo("MN"));
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id + "/journey").then()
                .body("items.kind", equalTo(List.of("departed", "entered-country", "detained")))
                .body("items.sequence", equalTo(List.of(1, 3, 2)));

        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"released\", \"country\": \"MN\", \"date\": \"2026-10-07\"}")
                .post("/api/v1/cases/" + id + "/journey").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Placed on its date among the events already recorded"));
        assertEquals(3, count("SELECT count(*) FROM journey_entry WHERE case_id = '" + id + "'"));
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id).then().body("status", equalTo("detained"));
    }

    @Test
    void eventsInTheFutureOrBeforeAnyPossibleJourneyAreRefused() throws Exception {
        String id = openCase();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String date : List.of(today.plusDays(2).toString(), "2031-01-01", "1890-01-01", "1948-09-08")) {
            given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                    .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"%s\"}".formatted(date))
                    .post("/api/v1/cases/" + id + "/journey").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("date")));
        }
        assertEquals(0, count("SELECT count(*) FROM journey_entry WHERE case_id = '" + id + "'"));
        // a day of clock skew: somewhere east of UTC it is already tomorrow
        recordOn(id, "departed", "CN", today.plusDays(1).toString(), 201);
    }

    static void recordOn(String id, String kind, String country, String date, int status) {
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"%s\", \"country\": \"%s\", \"date\": \"%s\"}".formatted(kind, country, date))
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(status);
    }

    static void record(String id, String kind, String country, int status) {
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"%s\", \"country\": \"%s\", \"date\": \"2026-10-01\", \"place\": \"Incheon\"}".formatted(kind, country))
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(status);
    }

    @Test
    void updatesNeedTheCurrentETagAndKeepPersonalDataAMaskedEditorCannotSee() {
        var created = open(CASEWORKER, group("[\"CN\", \"KR\"]"));
        String id = created.path("id");
        String etag = created.header("ETag");
        String memberId = created.path("members[0].id");
        String patch = """
                {"members": [{"id": "%s", "alias": "Magnolia", "sex": "female", "ageBand": "18-59"}],
                 "needs": [{"kind": "legal", "state": "in-progress"}]}""".formatted(memberId);

        given().header("Authorization", CASEWORKER).contentType("application/merge-patch+json").body(patch)
                .patch("/api/v1/cases/" + id).then().statusCode(428).contentType("application/problem+json");
        var updated = given().header("Authorization", CASEWORKER).header("If-Match", etag)
                .contentType("application/merge-patch+json").body(patch)
                .patch("/api/v1/cases/" + id).then().statusCode(200)
                .body("members", hasSize(1)).body("needs[0].kind", equalTo("legal")).extract();
        assertFalse(etag.equals(updated.header("ETag")));
        given().header("Authorization", CASEWORKER).header("If-Match", etag)
                .contentType("application/merge-patch+json").body("{\"notes\": \"stale\"}")
                .patch("/api/v1/cases/" + id).then().statusCode(412);
        given().header("Authorization", OFFICER).get("/api/v1/cases/" + id).then()
                .body("members[0].legalName", equalTo(LEGAL_NAME))
                .body("notes", equalTo("Met at the border; afraid of brokers."));
    }

    @Test
    void idempotencyKeyReplaysTheSameCaseAndRefusesAnotherBody() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = group("[\"CN\"]");
        String first = given().header("Authorization", CASEWORKER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        long cases = count("SELECT count(*) FROM case_file");
        String replay = given().header("Authorization", CASEWORKER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        assertEquals(first, replay);
        given().header("Authorization", CASEWORKER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(group("[\"CN\", \"KR\"]")).post("/api/v1/cases").then().statusCode(422).contentType("application/problem+json");
        assertEquals(cases, count("SELECT count(*) FROM case_file"));
    }

    @Test
    void concurrentRetriesUnderOneKeyOpenOneCaseAndNeverFail() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = group("[\"CN\"]");
        long cases = count("SELECT count(*) FROM case_file");
        int retries = 8;
        var start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(retries)) {
            for (int i = 0; i < retries; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return given().header("Authorization", CASEWORKER).header("Idempotency-Key", key)
                            .contentType(ContentType.JSON).body(body).post("/api/v1/cases");
                }));
            }
            start.countDown();
        }
        Set<String> opened = new HashSet<>();
        for (Future<Response> answer : sent) {
            Response response = answer.get();
            if (response.statusCode() == 201) {
                opened.add(response.path("id"));
            } else {
                response.then().statusCode(409).contentType("application/problem+json").header("Retry-After", "1");
            }
        }
        assertEquals(1, opened.size());
        assertEquals(cases + 1, count("SELECT count(*) FROM case_file"));
        String replay = given().header("Authorization", CASEWORKER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        assertEquals(opened.iterator().next(), replay);
        given().header("Authorization", CASEWORKER).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(group("[\"CN\", \"KR\"]")).post("/api/v1/cases").then().statusCode(422);
    }

    @Test
    void anotherOrganisationSeesNothingOnAnyPath() {
        String id = openCase();
        String path = "/api/v1/cases/" + id;
        for (String token : new String[] {OTHER_CASEWORKER, OTHER_COORDINATOR, OTHER_OFFICER}) {
            given().header("Authorization", token).get(path).then().statusCode(404).contentType("application/problem+json");
            given().header("Authorization", token).get(path + "/journey").then().statusCode(404);
            given().header("Authorization", token).get(path + "/risk").then().statusCode(404);
            given().header("Authorization", token).header("If-Match", "\"0\"").contentType("application/merge-patch+json")
                    .body("{\"notes\": \"x\"}").patch(path).then().statusCode(404);
            given().header("Authorization", token).contentType(ContentType.JSON)
                    .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\"}").post(path + "/journey").then().statusCode(404);
            given().header("Authorization", token).get("/api/v1/cases").then().statusCode(200)
                    .body("items.id", not(hasItem(id)));
        }
        given().header("Authorization", OTHER_COORDINATOR).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post(path + "/close").then().statusCode(404);
        given().header("Authorization", OTHER_COORDINATOR).contentType(ContentType.JSON).body(TransferOffers.to("open-road"))
                .post(path + "/transfers").then().statusCode(404);
        given().header("Authorization", OTHER_COORDINATOR).get(path + "/audit").then().statusCode(404);
        given().header("Authorization", ANALYST).get(path).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", ANALYST).get("/api/v1/cases").then().statusCode(403);
        given().header("Authorization", ANALYST).get("/api/v1/alerts").then().statusCode(403);
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .post(path + "/close").then().statusCode(403);
    }

    @Test
    void aTransferMovesTheCaseAndItsKeyToTheReceiver() {
        String id = openCase();
        String transfer = given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                .body(TransferOffers.to("open-road")).post("/api/v1/cases/" + id + "/transfers").then()
                .statusCode(201).body("status", equalTo("offered")).extract().path("id");
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/transfers").then()
                .statusCode(200).body("items.id", hasItem(transfer));
        given().header("Authorization", COORDINATOR).post("/api/v1/transfers/" + transfer + "/accept").then().statusCode(404);
        given().header("Authorization", OTHER_COORDINATOR).post("/api/v1/transfers/" + transfer + "/accept").then()
                .statusCode(200).body("status", equalTo("accepted"));
        given().header("Authorization", OTHER_COORDINATOR).post("/api/v1/transfers/" + transfer + "/decline").then().statusCode(409);

        given().header("Authorization", COORDINATOR).get("/api/v1/cases/" + id).then().statusCode(404);
        given().header("Authorization", OTHER_OFFICER).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("organisation", equalTo(B))
                .body("members[0].legalName", equalTo(LEGAL_NAME))
                .body("notes", equalTo("Met at the border; afraid of brokers."));
    }

    @Test
    void anOfferRecordsThePersonsConsentWithoutWhichThereIsNoOffer() throws Exception {
        String id = openCase();
        String offers = "/api/v1/cases/" + id + "/transfers";
        for (String withoutConsent : List.of("{\"toOrganisation\": \"open-road\"}",
                "{\"toOrganisation\": \"open-road\", \"consent\": {\"basis\": \"informed-consent\"}}",
                "{\"toOrganisation\": \"open-road\", \"consent\": {\"basis\": \"asked-nicely\", \"recordedOn\": \"2026-11-01\"}}",
                "{\"toOrganisation\": \"open-road\", \"consent\": {\"basis\": \"vital-interest\", \"recordedOn\": \"2999-01-01\"}}")) {
            given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body(withoutConsent).post(offers).then()
                    .statusCode(400).contentType("application/problem+json");
        }
        assertEquals(0, count("SELECT count(*) FROM case_transfer WHERE case_id = '" + id + "'"));

        String transfer = given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body("""
                        {"toOrganisation": "open-road", "consent": {"basis": "vital-interest", "recordedOn": "2026-10-30"}}""")
                .post(offers).then().statusCode(201)
                .body("consent.basis", equalTo("vital-interest")).body("consent.recordedOn", equalTo("2026-10-30"))
                .extract().path("id");
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/transfers/" + transfer).then().statusCode(200)
                .body("consent.basis", equalTo("vital-interest"));
    }

    @Test
    void offersGoOnlyToKnownOrganisationsCanBeWithdrawnAndExpire() throws Exception {
        String id = openCase();
        String offers = "/api/v1/cases/" + id + "/transfers";
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                .body(TransferOffers.to("not-yet-" + UUID.randomUUID())).post(offers).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", equalTo(List.of("toOrganisation")));
        assertEquals(0, count("SELECT count(*) FROM case_transfer WHERE case_id = '" + id + "'"));

        String withdrawn = offer(offers);
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/transfers/" + withdrawn).then()
                .statusCode(200).body("status", equalTo("offered")).body("expiresAt", notNullValue());
        given().header("Authorization", OTHER_COORDINATOR).post("/api/v1/transfers/" + withdrawn + "/withdraw").then()
                .statusCode(404);
        given().header("Authorization", COORDINATOR).post("/api/v1/transfers/" + withdrawn + "/withdraw").then()
                .statusCode(200).body("status", equalTo("withdrawn")).body("decidedAt", notNullValue());
        given().header("Authorization", OTHER_COORDINATOR).post("/api/v1/transfers/" + withdrawn + "/accept").then()
                .statusCode(409).body("detail", containsString("withdrawn"));

        String lapsed = offer(offers);
        try (var connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate(
                    "UPDATE case_transfer SET expires_at = now() - INTERVAL '1 minute' WHERE id = '" + lapsed + "'");
        }
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/transfers/" + lapsed).then()
                .statusCode(200).body("status", equalTo("expired"));
        given().header("Authorization", OTHER_COORDINATOR).post("/api/v1/transfers/" + lapsed + "/accept").then()
                .statusCode(409).body("detail", containsString("expired"));
        given().header("Authorization", COORDINATOR).get("/api/v1/cases/" + id).then().statusCode(200);

        String ofAClosedCase = offer(offers);
        assertEquals(1, count("SELECT count(*) FROM case_transfer WHERE id = '" + lapsed + "' AND status = 'EXPIRED'"));
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body("{\"reason\": \"Reached safety\"}")
                .post("/api/v1/cases/" + id + "/close").then().statusCode(200);
        given().header("Authorization", OTHER_COORDINATOR).post("/api/v1/transfers/" + ofAClosedCase + "/accept").then()
                .statusCode(409).body("detail", containsString("no longer active"));
        given().header("Authorization", COORDINATOR).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("organisation", equalTo(A));
    }

    private static String offer(String offers) {
        return given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                .body(TransferOffers.to(B)).post(offers).then()
                .statusCode(201).body("status", equalTo("offered")).extract().path("id");
    }

    @Test
    void transfersAreListedAPageAtATimeNewestFirst() {
        Set<String> offered = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            offered.add(given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                    .body(TransferOffers.to("open-road")).post("/api/v1/cases/" + openCase() + "/transfers").then()
                    .statusCode(201).extract().path("id"));
        }
        var first = given().header("Authorization", OTHER_COORDINATOR).queryParam("limit", 1).get("/api/v1/transfers").then()
                .statusCode(200).body("items", hasSize(1)).body("next", notNullValue()).extract();
        String second = given().header("Authorization", OTHER_COORDINATOR).queryParam("limit", 1)
                .queryParam("cursor", (String) first.path("next")).get("/api/v1/transfers").then()
                .statusCode(200).body("items", hasSize(1)).extract().path("items[0].id");
        assertEquals(offered, Set.of((String) first.path("items[0].id"), second));
        given().header("Authorization", OTHER_COORDINATOR).queryParam("cursor", "@@@").get("/api/v1/transfers").then()
                .statusCode(400);
    }

    @Test
    void aCoordinatorClosesAnActiveCaseOnce() {
        String id = openCase();
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body("{\"reason\": \"Reached safety by other means\"}")
                .post("/api/v1/cases/" + id + "/close").then().statusCode(200).body("status", equalTo("closed"));
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .post("/api/v1/cases/" + id + "/close").then().statusCode(409);
        given().header("Authorization", CASEWORKER).queryParam("status", "closed").get("/api/v1/cases").then()
                .statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void aPolicyChangeThatRaisesRiskAlertsTheOwner() throws Exception {
        String id = open(CASEWORKER, """
                {"members": [{"alias": "Reed", "sex": "male", "ageBand": "18-59"}], "currentCountry": "TH", "plannedRoute": ["TH", "KR"]}""")
                .path("id");
        TestPolicies.publishAndAwait(dataSource, "TH", "2014-01-01", "medium", "occasional");
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id + "/risk").then()
                .statusCode(200).body("level", equalTo("medium")).body("countries[0].reasons.size()", org.hamcrest.Matchers.greaterThan(0));

        TestPolicies.publishAndAwait(dataSource, "TH", "2026-01-01", "critical", "routine");
        given().header("Authorization", CASEWORKER).get("/api/v1/alerts").then()
                .statusCode(200)
                .body("items.find { it.caseId == '%s' }.newRisk".formatted(id), equalTo("critical"))
                .body("items.find { it.caseId == '%s' }.previousRisk".formatted(id), equalTo("medium"))
                .body("items.find { it.caseId == '%s' }.country".formatted(id), equalTo("TH"));
        given().header("Authorization", OTHER_CASEWORKER).get("/api/v1/alerts").then()
                .statusCode(200).body("items.caseId", not(hasItem(id)));
        // high (no policy known for TH yet), lowered to medium, then raised to critical: one alert, two changes
        assertEquals(2, count("SELECT count(*) FROM outbox_event WHERE type = 'org.corridor.case.risk-changed' AND subject = '" + id + "'"));
        assertEquals(1, count("SELECT count(*) FROM case_alert WHERE case_id = '" + id + "'"));
    }

    @Test
    void everyReadAndWriteIsInAHashChainedAuditTrail() throws Exception {
        String id = openCase();
        given().header("Authorization", OFFICER).header("X-Request-Id", "req-audit-1").get("/api/v1/cases/" + id).then().statusCode(200);
        record(id, "departed", "CN", 201);
        given().header("Authorization", AUDITOR).get("/api/v1/cases/" + id + "/audit").then()
                .statusCode(200)
                .body("chainIntact", equalTo(true))
                .body("items.action", equalTo(java.util.List.of("create", "read", "read-personal-data", "journey")))
                .body("items[1].requestId", equalTo("req-audit-1"))
                .body("items[1].actor", equalTo("po-a"));
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id + "/audit").then().statusCode(403);

        try (var connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate(
                    "UPDATE audit_entry SET actor = 'nobody' WHERE case_id = '" + id + "' AND action = 'READ_PERSONAL_DATA'");
        }
        given().header("Authorization", AUDITOR).get("/api/v1/cases/" + id + "/audit").then()
                .statusCode(200).body("chainIntact", equalTo(false));
    }

    @Test
    void everyAnswerThatCarriesPersonalDataIsAuditedAsAReadOfIt() {
        String officerAndCoordinator = bearerFor("po-co-a", A, "protection-officer", "coordinator");
        var created = open(OFFICER, group("[\"CN\", \"KR\"]"));
        String id = created.path("id");
        assertEquals(LEGAL_NAME, created.path("members[0].legalName"));
        given().header("Authorization", OFFICER).header("If-Match", created.header("ETag"))
                .contentType("application/merge-patch+json").body("{\"notes\": \"Moved to a safe house.\"}")
                .patch("/api/v1/cases/" + id).then().statusCode(200).body("members[0].legalName", equalTo(LEGAL_NAME));
        given().header("Authorization", OFFICER).contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\", \"place\": \"Dandong\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(201).body("place", equalTo("Dandong"));
        given().header("Authorization", officerAndCoordinator).contentType(ContentType.JSON).body("{\"reason\": \"Reached safety\"}")
                .post("/api/v1/cases/" + id + "/close").then().statusCode(200).body("notes", equalTo("Moved to a safe house."));

        given().header("Authorization", AUDITOR).get("/api/v1/cases/" + id + "/audit").then()
                .statusCode(200)
                .body("chainIntact", equalTo(true))
                .body("items.action", equalTo(List.of("create", "read-personal-data", "update", "read-personal-data",
                        "journey", "read-personal-data", "close", "read-personal-data")));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() throws Exception {
        String id = openCase();
        long cases = count("SELECT count(*) FROM case_file");
        long members = count("SELECT count(*) FROM case_member");
        String[][] bodies = {
                {"{\"members\": [", "Malformed body"},
                {"{\"members\": []}", "members"},
                {"{\"members\": [{\"alias\": \"a\", \"sex\": \"robot\", \"ageBand\": \"18-59\"}]}", "members[0].sex"},
                {"{\"members\": [{\"alias\": \"%s\", \"sex\": \"male\", \"ageBand\": \"18-59\"}]}".formatted("x".repeat(100_000)), "members[0].alias"},
                {"{\"members\": [{\"alias\": \"a\", \"sex\": \"male\", \"ageBand\": \"18-59\"}], \"currentCountry\": \"XX\"}", "currentCountry"},
                {"{\"members\": [{\"alias\": \"a\", \"sex\": \"male\", \"ageBand\": \"18-59\"}], \"plannedRoute\": [\"CN\", \"ZZ\"]}", "plannedRoute[1]"},
                {"{\"members\": [{\"sex\": \"male\", \"ageBand\": \"18-59\"}]}", "members[0].alias"}};
        for (String[] bad : bodies) {
            var answer = given().header("Authorization", CASEWORKER).contentType(ContentType.JSON).body(bad[0])
                    .post("/api/v1/cases").then().statusCode(400).contentType("application/problem+json")
                    .body(not(containsString("xxxxxxxxxx"))).body(not(containsString("robot")));
            if (bad[1].equals("Malformed body")) {
                answer.body("title", equalTo(bad[1]));
            } else {
                answer.body("errors.field", hasItem(bad[1]));
            }
        }
        given().header("Authorization", CASEWORKER).queryParam("status", "flying").get("/api/v1/cases").then()
                .statusCode(400).body("errors[0].field", equalTo("status"));
        given().header("Authorization", CASEWORKER).queryParam("limit", 500).get("/api/v1/cases").then().statusCode(400);
        given().header("Authorization", CASEWORKER).queryParam("cursor", "@@@").get("/api/v1/cases").then().statusCode(400);
        given().header("Authorization", CASEWORKER).get("/api/v1/cases/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"teleported\", \"country\": \"CN\", \"date\": \"2026-10-01\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"Narnia\", \"date\": \"2026-10-01\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(400).body("errors[0].field", equalTo("country"));
        given().header("Authorization", CASEWORKER).contentType(ContentType.TEXT).body("hi").post("/api/v1/cases").then().statusCode(415);

        assertEquals(cases, count("SELECT count(*) FROM case_file"));
        assertEquals(members, count("SELECT count(*) FROM case_member"));
        assertEquals(0, count("SELECT count(*) FROM journey_entry WHERE case_id = '" + id + "'"));
    }

    @Test
    void listsPageWithFilters() {
        for (int i = 0; i < 3; i++) {
            openCase();
        }
        var first = given().header("Authorization", CASEWORKER).queryParam("limit", 2).queryParam("currentCountry", "cn")
                .get("/api/v1/cases").then().statusCode(200).body("items", hasSize(2)).extract();
        String next = first.path("next");
        assertNotNull(next);
        given().header("Authorization", CASEWORKER).queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/cases").then()
                .statusCode(200).body("items.id", not(hasItem((String) first.path("items[0].id"))));
        given().header("Authorization", CASEWORKER).queryParam("risk", "critical").get("/api/v1/cases").then()
                .statusCode(200).body("items.risk.level", org.hamcrest.Matchers.everyItem(equalTo("critical")));
    }
}
