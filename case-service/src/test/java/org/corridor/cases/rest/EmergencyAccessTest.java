package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Break the glass: a caseworker reads one case's personal data for an hour, audited, until a coordinator reviews it. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class EmergencyAccessTest {

    private static final String LEGAL_NAME = "Choe Song-ae-" + UUID.randomUUID();

    @Inject
    DataSource dataSource;

    private final String organisation = "glass-" + UUID.randomUUID().toString().substring(0, 8);
    private final String caseworker = bearerFor("cw-glass", organisation, "caseworker");
    private final String otherCaseworker = bearerFor("cw-other", organisation, "caseworker");
    private final String coordinator = bearerFor("co-glass", organisation, "coordinator");

    private String open() {
        return given().header("Authorization", caseworker).contentType(ContentType.JSON).body("""
                        {"members": [{"alias": "Lark", "sex": "female", "ageBand": "18-59", "legalName": "%s"}],
                         "currentCountry": "LA", "notes": "Needs a doctor."}""".formatted(LEGAL_NAME))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    private ExtractableResponse<Response> breakTheGlass(String token, String caseId, String reason, int status) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"reason\": \"" + reason + "\"}").post("/api/v1/cases/" + caseId + "/emergency-access")
                .then().statusCode(status).extract();
    }

    private void readsMasked(String token, String caseId) {
        given().header("Authorization", token).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("personalDataMasked", equalTo(true)).body("members[0].legalName", nullValue());
    }

    @Test
    void theCaseworkerReadsThePersonalDataForAnHourEveryReadAuditedUntilACoordinatorReviewsIt() throws Exception {
        String id = open();
        readsMasked(caseworker, id);

        var granted = breakTheGlass(caseworker, id, "Detained; the embassy needs her legal name now.", 201);
        String access = granted.path("id");
        assertEquals("/api/v1/emergency-accesses/" + access, granted.header("Location"));
        Instant expiresAt = Instant.parse(granted.path("expiresAt"));
        Instant grantedAt = Instant.parse(granted.path("grantedAt"));
        assertEquals(Duration.ofMinutes(60), Duration.between(grantedAt, expiresAt));

        given().header("Authorization", caseworker).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("personalDataMasked", equalTo(false)).body("members[0].legalName", equalTo(LEGAL_NAME))
                .body("notes", equalTo("Needs a doctor."));
        readsMasked(otherCaseworker, id);
        List<String> actions = given().header("Authorization", coordinator).get("/api/v1/cases/" + id + "/audit")
                .then().statusCode(200).extract().path("items.action");
        assertEquals(List.of("create", "read", "emergency-access", "read", "emergency-access", "read"), actions);

        given().header("Authorization", coordinator).queryParam("reviewed", "false").get("/api/v1/emergency-accesses")
                .then().statusCode(200).body("items.id", hasItem(access))
                .body("items.find { it.id == '" + access + "' }.reason",
                        equalTo("Detained; the embassy needs her legal name now."))
                .body("items.find { it.id == '" + access + "' }.review", nullValue());
        given().header("Authorization", bearerFor("cw-glass", organisation, "coordinator")).contentType(ContentType.JSON)
                .body("{\"outcome\": \"justified\"}").post("/api/v1/emergency-accesses/" + access + "/review")
                .then().statusCode(409);
        given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body("{\"outcome\": \"justified\", \"note\": \"Confirmed with the embassy.\"}")
                .post("/api/v1/emergency-accesses/" + access + "/review").then().statusCode(200)
                .body("review.outcome", equalTo("justified")).body("review.reviewedBy", equalTo("co-glass"));
        given().header("Authorization", coordinator).contentType(ContentType.JSON).body("{\"outcome\": \"unjustified\"}")
                .post("/api/v1/emergency-accesses/" + access + "/review").then().statusCode(409);
        given().header("Authorization", coordinator).queryParam("reviewed", "false").get("/api/v1/emergency-accesses")
                .then().statusCode(200).body("items.id", not(hasItem(access)));
        given().header("Authorization", coordinator).queryParam("reviewed", "true").get("/api/v1/emergency-accesses")
                .then().statusCode(200).body("items.id", hasItem(access));
        given().header("Authorization", caseworker).get("/api/v1/emergency-accesses/" + access).then().statusCode(200)
                .body("review.note", equalTo("Confirmed with the embassy."));
        given().header("Authorization", otherCaseworker).get("/api/v1/emergency-accesses/" + access).then().statusCode(404);
        given().header("Authorization", bearerFor("co-b", "open-road", "coordinator"))
                .get("/api/v1/emergency-accesses/" + access).then().statusCode(404);

        try (var connection = dataSource.getConnection();
             var expire = connection.prepareStatement("UPDATE emergency_access SET expires_at = now() WHERE id = ?::uuid")) {
            expire.setString(1, access);
            assertEquals(1, expire.executeUpdate());
        }
        readsMasked(caseworker, id);
    }

    @Test
    void emergencyAccessIsRefusedToWhoeverReadsPersonalDataAlreadyOrHasNoReasonAndChangesNothing() throws Exception {
        String id = open();
        breakTheGlass(bearerFor("po-cw", organisation, "caseworker", "protection-officer"), id, "Urgent.", 409);
        breakTheGlass(bearerFor("po", organisation, "protection-officer"), id, "Urgent.", 403);
        breakTheGlass(coordinator, id, "Urgent.", 403);
        breakTheGlass(caseworker, id, "x".repeat(100 * 1024), 400);
        breakTheGlass(caseworker, id, " ", 400);
        breakTheGlass(bearerFor("cw-b", "open-road", "caseworker"), id, "Urgent.", 404);
        breakTheGlass(caseworker, "not-a-case", "Urgent.", 400);
        breakTheGlass(caseworker, UUID.randomUUID().toString(), "Urgent.", 404);

        readsMasked(caseworker, id);
        try (var connection = dataSource.getConnection();
             var rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM emergency_access WHERE case_id = '" + id + "'")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
        List<String> actions = given().header("Authorization", coordinator).get("/api/v1/cases/" + id + "/audit")
                .then().statusCode(200).extract().path("items.action");
        assertTrue(!actions.contains("emergency-access"), actions.toString());
        given().header("Authorization", coordinator).queryParam("reviewed", "maybe").get("/api/v1/emergency-accesses")
                .then().statusCode(400);
    }
}
