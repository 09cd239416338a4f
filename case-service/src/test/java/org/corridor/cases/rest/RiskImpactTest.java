package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.corridor.cases.support.TestPolicies;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The impact preview of a draft policy is exactly what publishing it then does to the cases. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class RiskImpactTest {

    static final String COUNTRY = "VN";
    static final String A = "crossing-hope";
    static final String B = "open-road";
    static final String EDITOR = bearerFor("pe-a", A, "policy-editor");
    static final String CASEWORKER = bearerFor("cw-a", A, "caseworker");
    static final String OTHER_CASEWORKER = bearerFor("cw-b", B, "caseworker");

    @Inject
    DataSource dataSource;

    @Test
    void thePreviewIsWhatPublicationDoes() throws Exception {
        TestPolicies.publishAndAwait(dataSource, COUNTRY, "2014-01-01", "medium", "occasional");
        TestPolicies.publishAndAwait(dataSource, "KR", "1995-01-01", "low", "none");
        List<String> own = open(CASEWORKER, 6);
        open(OTHER_CASEWORKER, 3);
        Map<String, String> before = risks(own);

        JsonPath preview = preview(EDITOR, "2026-01-01", "critical");
        assertEquals(COUNTRY, preview.getString("country"));
        assertEquals(List.of(Map.of("from", "medium", "to", "critical", "cases", 6)), preview.getList("organisation.changes"));
        assertEquals(5, preview.getInt("allOrganisations.k"));
        assertEquals(List.of(change("medium", "critical", null, true)), preview.getList("allOrganisations.changes"),
                "9 cases, 3 of them another organisation's: 9 - 6 would give those 3 away");

        TestPolicies.publishAndAwait(dataSource, COUNTRY, "2026-01-01", "critical", "routine");
        Map<String, Integer> happened = new TreeMap<>();
        risks(own).forEach((id, after) -> {
            if (!after.equals(before.get(id))) {
                happened.merge(before.get(id) + "->" + after, 1, Integer::sum);
            }
        });
        assertEquals(Map.of("medium->critical", 6), happened);
        assertEquals(List.of(), preview(EDITOR, "2026-01-01", "critical").getList("organisation.changes"),
                "published, the same draft changes nothing more");
    }

    @Test
    void aDraftValidOnlyLaterChangesNothingToday() {
        assertEquals(List.of(), preview(EDITOR, "2999-01-01", "low").getList("allOrganisations.changes"));
    }

    @Test
    void onlyPolicyEditorsAndApproversAsk() {
        given().header("Authorization", CASEWORKER).contentType(ContentType.JSON).body(question("2026-01-01", "low"))
                .post("/internal/v1/risk-impact").then().statusCode(403);
        given().header("Authorization", EDITOR).contentType(ContentType.JSON).body("{\"country\": \"VN\"}")
                .post("/internal/v1/risk-impact").then().statusCode(400).contentType("application/problem+json");
    }

    private static JsonPath preview(String token, String validFrom, String riskLevel) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(question(validFrom, riskLevel))
                .post("/internal/v1/risk-impact").then().statusCode(200).extract().jsonPath();
    }

    private static String question(String validFrom, String riskLevel) {
        return """
                {"country": "%s", "validFrom": "%s", "validTo": null,
                 "terms": {"riskLevel": "%s", "repatriation": "forced", "detention": "routine",
                           "refugeeRecognition": "not-recognised", "embassyHandover": "none", "unhcrAccess": false,
                           "penaltiesForHelpers": null, "summary": "Test draft for %s."}}"""
                .formatted(COUNTRY, validFrom, riskLevel, COUNTRY);
    }

    private static Map<String, Object> change(String from, String to, Integer cases, boolean suppressed) {
        Map<String, Object> change = new HashMap<>();
        change.put("from", from);
        change.put("to", to);
        change.put("cases", cases);
        change.put("suppressed", suppressed);
        return change;
    }

    private static List<String> open(String token, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(given().header("Authorization", token).contentType(ContentType.JSON).body("""
                            {"members": [{"alias": "Impact-%d", "sex": "male", "ageBand": "18-59"}],
                             "currentCountry": "VN", "plannedRoute": ["VN", "KR"]}""".formatted(i))
                    .post("/api/v1/cases").then().statusCode(201).extract().path("id"));
        }
        return ids;
    }

    private static Map<String, String> risks(List<String> cases) {
        Map<String, String> risks = new HashMap<>();
        for (String id : cases) {
            risks.put(id, given().header("Authorization", CASEWORKER).get("/api/v1/cases/" + id + "/risk").then()
                    .statusCode(200).extract().path("level"));
        }
        return risks;
    }
}
