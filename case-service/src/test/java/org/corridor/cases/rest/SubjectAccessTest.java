package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.corridor.cases.support.TransferOffers;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A protection officer exports everything held about one case, and the export is audited. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class SubjectAccessTest {

    private static final String LEGAL_NAME = "Han Yong-ok-" + UUID.randomUUID();

    private final String organisation = "access-" + UUID.randomUUID().toString().substring(0, 8);
    private final String caseworker = bearerFor("cw-sa", organisation, "caseworker");
    private final String coordinator = bearerFor("co-sa", organisation, "coordinator");
    private final String officer = bearerFor("po-sa", organisation, "protection-officer");

    @Test
    void theExportHoldsTheCaseItsJourneyTransfersEmergencyAccessesAndAuditTrail() {
        String id = given().header("Authorization", caseworker).contentType(ContentType.JSON).body("""
                        {"members": [{"alias": "Plover", "sex": "female", "ageBand": "12-17", "legalName": "%s",
                                      "contact": "via the school"}], "currentCountry": "CN", "notes": "Travels alone."}"""
                        .formatted(LEGAL_NAME))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        given().header("Authorization", caseworker).contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\", \"place\": \"Tumen bridge\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(201);
        given().header("Authorization", bearerFor("co-b", "open-road", "coordinator")).get("/api/v1/transfers")
                .then().statusCode(200);
        String transfer = given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body(TransferOffers.to("open-road")).post("/api/v1/cases/" + id + "/transfers").then().statusCode(201)
                .extract().path("id");
        given().header("Authorization", coordinator).post("/api/v1/transfers/" + transfer + "/withdraw").then().statusCode(200);
        given().header("Authorization", caseworker).contentType(ContentType.JSON).body("{\"reason\": \"Border police call.\"}")
                .post("/api/v1/cases/" + id + "/emergency-access").then().statusCode(201);

        String export = "/api/v1/cases/" + id + "/subject-access";
        given().header("Authorization", officer).get(export).then().statusCode(200)
                .body("caseFile.id", equalTo(id))
                .body("caseFile.members[0].legalName", equalTo(LEGAL_NAME))
                .body("caseFile.members[0].contact", equalTo("via the school"))
                .body("caseFile.notes", equalTo("Travels alone."))
                .body("journey[0].place", equalTo("Tumen bridge"))
                .body("transfers[0].status", equalTo("withdrawn"))
                .body("transfers[0].consent.basis", equalTo("informed-consent"))
                .body("emergencyAccesses[0].reason", equalTo("Border police call."))
                .body("audit[-2].action", equalTo("subject-access"))
                .body("audit[-1].action", equalTo("read-personal-data"))
                .body("audit[-1].actor", equalTo("po-sa"));
        List<String> actions = given().header("Authorization", coordinator).get("/api/v1/cases/" + id + "/audit").then()
                .statusCode(200).extract().path("items.action");
        assertEquals(List.of("subject-access", "read-personal-data"), actions.subList(actions.size() - 2, actions.size()));
    }

    @Test
    void onlyAProtectionOfficerOfTheCasesOrganisationExportsAndAnErasedCaseIsGone() {
        String id = given().header("Authorization", caseworker).contentType(ContentType.JSON)
                .body("{\"members\": [{\"alias\": \"Tern\", \"sex\": \"male\", \"ageBand\": \"18-59\"}]}")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String export = "/api/v1/cases/" + id + "/subject-access";
        given().header("Authorization", caseworker).get(export).then().statusCode(403);
        given().header("Authorization", coordinator).get(export).then().statusCode(403);
        given().header("Authorization", bearerFor("po-b", "open-road", "protection-officer")).get(export).then().statusCode(404);
        given().header("Authorization", officer).get("/api/v1/cases/not-a-case/subject-access").then().statusCode(400);
        List<String> actions = given().header("Authorization", coordinator).get("/api/v1/cases/" + id + "/audit").then()
                .statusCode(200).extract().path("items.action");
        assertEquals(List.of("create"), actions);

        given().header("Authorization", coordinator).contentType(ContentType.JSON).body("{\"reason\": \"Asked.\"}")
                .post("/api/v1/cases/" + id + "/erasure").then().statusCode(204);
        given().header("Authorization", officer).get(export).then().statusCode(410);
    }
}
