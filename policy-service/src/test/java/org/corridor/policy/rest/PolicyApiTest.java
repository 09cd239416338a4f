package org.corridor.policy.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearer;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class PolicyApiTest {

    static final String ANALYST = bearer("crossing-hope", "analyst");
    static final String EDITOR = bearerFor("editor-1", "crossing-hope", "policy-editor");
    static final String APPROVER = bearerFor("approver-1", "open-road", "policy-approver");
    static final String EDITOR_AND_APPROVER = bearerFor("both-1", "crossing-hope", "policy-editor", "policy-approver");

    static String draft(String validFrom, String riskLevel) {
        return """
                {"validFrom": "%s", "refugeeRecognition": "ad-hoc", "repatriation": "occasional", "detention": "routine",
                 "embassyHandover": "occasional", "unhcrAccess": false, "supportAvailable": "minimal",
                 "riskLevel": "%s", "summary": "Transit is no longer tolerated.", "sources": ["seeds/002: transit stopped"],
                 "confidence": "low"}""".formatted(validFrom, riskLevel);
    }

    @Test
    void listsTheReferenceCountriesWithTodaysRisk() {
        given().header("Authorization", ANALYST).when().get("/api/v1/countries").then()
                .statusCode(200)
                .body("code", hasItems("KP", "CN", "MN", "VN", "LA", "TH", "KR"))
                .body("find { it.code == 'CN' }.name", equalTo("China"))
                .body("find { it.code == 'CN' }.riskLevel", equalTo("critical"))
                .body("find { it.code == 'KR' }.riskLevel", equalTo("low"))
                .body("summary", everyItem(notNullValue()));
    }

    @Test
    void answersChinasPolicyBeforeAndAfterTheBeijingOlympics() {
        given().header("Authorization", ANALYST).queryParam("at", "2008-06-01")
                .when().get("/api/v1/countries/CN/policy").then()
                .statusCode(200)
                .body("country", equalTo("CN"))
                .body("validFrom", equalTo("1995-01-01"))
                .body("validTo", equalTo("2008-08-01"))
                .body("riskLevel", equalTo("high"))
                .body("repatriation", equalTo("forced"))
                .body("sources[0]", containsString("seeds/"));
        given().header("Authorization", ANALYST).queryParam("at", "2012-03-01")
                .when().get("/api/v1/countries/cn/policy").then()
                .statusCode(200)
                .body("validFrom", equalTo("2008-08-01"))
                .body("validTo", nullValue())
                .body("riskLevel", equalTo("critical"));
    }

    @Test
    void mongoliaHandedPeopleToTheEmbassyBeforeItTurnedAgainstTransit() {
        given().header("Authorization", ANALYST).queryParam("at", "2006-06-01")
                .when().get("/api/v1/countries/MN/policy").then()
                .statusCode(200).body("embassyHandover", equalTo("routine"));
        given().header("Authorization", ANALYST).when().get("/api/v1/countries/MN/policy/history").then()
                .statusCode(200)
                .body("$", hasSize(greaterThanOrEqualTo(2)))
                .body("[-1].validFrom", equalTo("1995-01-01"));
    }

    @Test
    void whatWeBelievedBeforeTheReferenceDataWasRecordedIsNotFound() {
        given().header("Authorization", ANALYST).queryParam("asRecordedAt", "2000-01-01")
                .when().get("/api/v1/countries/CN/policy").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badReadParametersAreProblems() {
        given().header("Authorization", ANALYST).queryParam("at", "01/06/2008")
                .when().get("/api/v1/countries/CN/policy").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("at"));
        given().header("Authorization", ANALYST).when().get("/api/v1/countries/XX/policy").then()
                .statusCode(400).body("errors[0].field", equalTo("code"));
        given().header("Authorization", ANALYST).when().get("/api/v1/countries/FR/policy").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void fourEyesPublicationSupersedesFromValidFromAndKeepsHistory() {
        int before = given().header("Authorization", ANALYST).get("/api/v1/countries/LA/policy/history").then()
                .statusCode(200).extract().jsonPath().getList("$").size();

        var created = given().header("Authorization", EDITOR).contentType(ContentType.JSON).body(draft("2026-06-01", "critical"))
                .when().post("/api/v1/countries/LA/policy/drafts").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/countries/LA/policy/drafts/"))
                .header("ETag", notNullValue())
                .body("id", notNullValue())
                .body("status", equalTo("open"))
                .extract();
        String id = created.path("id");

        given().header("Authorization", EDITOR).post("/api/v1/countries/LA/policy/drafts/" + id + "/publish").then()
                .statusCode(403);
        given().header("Authorization", APPROVER).contentType(ContentType.JSON).body(draft("2026-06-01", "high"))
                .put("/api/v1/countries/LA/policy/drafts/" + id).then().statusCode(403);

        given().header("Authorization", APPROVER).when().post("/api/v1/countries/LA/policy/drafts/" + id + "/publish").then()
                .statusCode(200)
                .body("country", equalTo("LA"))
                .body("validFrom", equalTo("2026-06-01"))
                .body("riskLevel", equalTo("critical"));
        given().header("Authorization", APPROVER).post("/api/v1/countries/LA/policy/drafts/" + id + "/publish").then()
                .statusCode(409).contentType("application/problem+json");

        given().header("Authorization", ANALYST).queryParam("at", "2026-07-01").get("/api/v1/countries/LA/policy").then()
                .statusCode(200).body("riskLevel", equalTo("critical"));
        given().header("Authorization", ANALYST).queryParam("at", "2020-01-01").get("/api/v1/countries/LA/policy").then()
                .statusCode(200).body("riskLevel", equalTo("high")).body("validTo", equalTo("2026-06-01"));
        given().header("Authorization", ANALYST).get("/api/v1/countries/LA/policy/history").then()
                .statusCode(200).body("$", hasSize(before + 1)).body("[0].validFrom", equalTo("2026-06-01"));
    }

    @Test
    void theAuthorCannotPublishEvenHoldingBothRoles() {
        String id = given().header("Authorization", EDITOR_AND_APPROVER).contentType(ContentType.JSON).body(draft("2026-01-01", "high"))
                .post("/api/v1/countries/TH/policy/drafts").then().statusCode(201).extract().path("id");
        given().header("Authorization", EDITOR_AND_APPROVER).post("/api/v1/countries/TH/policy/drafts/" + id + "/publish").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("did not write it"));
    }

    @Test
    void aRetriedDraftUnderTheSameIdempotencyKeyIsWrittenOnce() {
        String drafts = "/api/v1/countries/MN/policy/drafts";
        String key = "draft-" + java.util.UUID.randomUUID();
        int before = given().header("Authorization", EDITOR).get(drafts).then().statusCode(200).extract().path("size()");
        String first = given().header("Authorization", EDITOR).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(draft("2027-01-01", "high")).post(drafts).then().statusCode(201).extract().path("id");
        given().header("Authorization", EDITOR).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(draft("2027-01-01", "high")).post(drafts).then()
                .statusCode(201)
                .body("id", equalTo(first));
        given().header("Authorization", EDITOR).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(draft("2027-01-01", "critical")).post(drafts).then()
                .statusCode(422).contentType("application/problem+json");
        given().header("Authorization", EDITOR).header("Idempotency-Key", "k".repeat(201)).contentType(ContentType.JSON)
                .body(draft("2027-01-01", "high")).post(drafts).then()
                .statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        given().header("Authorization", EDITOR).get(drafts).then().statusCode(200).body("size()", equalTo(before + 1));
    }

    @Test
    void revisionNeedsTheCurrentETag() {
        var created = given().header("Authorization", EDITOR).contentType(ContentType.JSON).body(draft("2025-01-01", "high"))
                .post("/api/v1/countries/VN/policy/drafts").then().statusCode(201).extract();
        String id = created.path("id");
        String etag = created.header("ETag");
        String path = "/api/v1/countries/VN/policy/drafts/" + id;

        given().header("Authorization", EDITOR).contentType(ContentType.JSON).body(draft("2025-02-01", "high"))
                .put(path).then().statusCode(428).contentType("application/problem+json");
        given().header("Authorization", EDITOR).header("If-Match", etag).contentType(ContentType.JSON).body(draft("2025-02-01", "critical"))
                .put(path).then().statusCode(200).body("validFrom", equalTo("2025-02-01")).body("revision", equalTo(1));
        given().header("Authorization", EDITOR).header("If-Match", etag).contentType(ContentType.JSON).body(draft("2025-03-01", "low"))
                .put(path).then().statusCode(412).contentType("application/problem+json");
        given().header("Authorization", EDITOR).get(path).then().statusCode(200)
                .body("validFrom", equalTo("2025-02-01")).body("riskLevel", equalTo("critical"));
    }

    @Test
    void badDraftsAreProblemsAndChangeNothing() {
        String drafts = "/api/v1/countries/KR/policy/drafts";
        Map<String, String> cases = Map.of(
                draft("2026-01-01", "extreme"), "riskLevel",
                draft("2026-13-01", "high"), "validFrom",
                draft("2026-01-01", "high").replace("\"validFrom\": \"2026-01-01\"", "\"validFrom\": \"2026-01-01\", \"validTo\": \"2025-01-01\""), "validTo",
                draft("2026-01-01", "high").replace("Transit is no longer tolerated.", "x".repeat(5000)), "summary",
                draft("2026-01-01", "high").replace("\"sources\": [\"seeds/002: transit stopped\"]", "\"sources\": []"), "sources");
        cases.forEach((body, field) -> given().header("Authorization", EDITOR).contentType(ContentType.JSON).body(body)
                .post(drafts).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body(not(containsString("xxxxxxxxxx")))
                .body(not(containsString("extreme"))));

        given().header("Authorization", EDITOR).contentType(ContentType.JSON).body("{\"validFrom\": ").post(drafts).then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed body"));
        given().header("Authorization", EDITOR).contentType(ContentType.TEXT).body("hello").post(drafts).then()
                .statusCode(415).contentType("application/problem+json");
        given().header("Authorization", EDITOR).delete("/api/v1/routes/assess").then()
                .statusCode(405).contentType("application/problem+json");
        given().header("Authorization", EDITOR).delete(drafts).then()
                .statusCode(405).contentType("application/problem+json");
        given().header("Authorization", ANALYST).contentType(ContentType.JSON).body(draft("2026-01-01", "high")).post(drafts).then()
                .statusCode(403).contentType("application/problem+json");

        given().header("Authorization", EDITOR).get(drafts).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void wronglyTypedBodiesAreProblemsNamingTheField() {
        String drafts = "/api/v1/countries/KR/policy/drafts";
        Map<String, String> cases = Map.of(
                "[]", "body",
                "\"a draft\"", "body",
                draft("2026-01-01", "high").replace("\"Transit is no longer tolerated.\"", "5"), "summary",
                draft("2026-01-01", "high").replace("\"2026-01-01\"", "20454"), "validFrom",
                draft("2026-01-01", "high").replace("[\"seeds/002: transit stopped\"]", "\"seeds/002: transit stopped\""), "sources");
        cases.forEach((body, field) -> given().header("Authorization", EDITOR).contentType(ContentType.JSON).body(body)
                .post(drafts).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field))));
        given().header("Authorization", EDITOR).get(drafts).then().statusCode(200).body("$", hasSize(0));

        String assess = "/api/v1/routes/assess";
        Map<String, String> routes = Map.of(
                "[\"CN\"]", "body",
                "{\"countries\": \"CN\"}", "countries",
                "{\"countries\": [\"CN\"], \"at\": 20454}", "at");
        routes.forEach((body, field) -> given().header("Authorization", ANALYST).contentType(ContentType.JSON).body(body)
                .post(assess).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field))));
    }

    @Test
    void assessesGoingNorthAgainstGoingSouth() {
        var north = given().header("Authorization", ANALYST).contentType(ContentType.JSON)
                .body("{\"countries\": [\"CN\",\"MN\",\"KR\"], \"at\": \"2006-06-01\"}")
                .post("/api/v1/routes/assess").then().statusCode(200)
                .body("legs", hasSize(3))
                .body("legs.country", equalTo(List.of("CN", "MN", "KR")))
                .body("legs.every { it.reasons.size() > 0 }", equalTo(true))
                .extract();
        org.junit.jupiter.api.Assertions.assertEquals((String) north.path("legs[0].risk"), (String) north.path("overall"));

        given().header("Authorization", ANALYST).contentType(ContentType.JSON)
                .body("{\"countries\": [\"CN\",\"VN\",\"LA\",\"TH\",\"KR\"], \"profile\": {\"vulnerabilities\": [\"unaccompanied-child\"]}}")
                .post("/api/v1/routes/assess").then().statusCode(200)
                .body("legs", hasSize(5))
                .body("overall", equalTo("critical"))
                .body("legs.find { it.country == 'TH' }.reasons", hasItem(containsString("unaccompanied-child")));
    }

    @Test
    void badRoutesAreProblems() {
        String assess = "/api/v1/routes/assess";
        given().header("Authorization", ANALYST).contentType(ContentType.JSON).body("{\"countries\": []}").post(assess).then()
                .statusCode(400).body("errors.field", hasItem("countries"));
        given().header("Authorization", ANALYST).contentType(ContentType.JSON).body("{\"countries\": [\"CN\", \"ZZ\"]}").post(assess).then()
                .statusCode(400).body("errors.field", hasItem("countries[1]"));
        given().header("Authorization", ANALYST).contentType(ContentType.JSON).body("{\"countries\": [\"CN\", \"FR\"]}").post(assess).then()
                .statusCode(400).body("errors.field", hasItem("countries[1]"));
        given().header("Authorization", ANALYST).contentType(ContentType.JSON)
                .body("{\"countries\": [\"CN\"], \"profile\": {\"vulnerabilities\": [\"tall\"]}}").post(assess).then()
                .statusCode(400).body("errors[0].message", containsString("unaccompanied-child"));
    }
}
