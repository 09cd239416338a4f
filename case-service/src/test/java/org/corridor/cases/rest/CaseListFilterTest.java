package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Listing cases by several values of a field, by when they changed and by when they were opened. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class CaseListFilterTest {

    private final String organisation = "filter-" + UUID.randomUUID().toString().substring(0, 8);
    private final String caseworker = bearerFor("cw-" + organisation, organisation, "caseworker");

    String openCase(String country) {
        return given().header("Authorization", caseworker).contentType(ContentType.JSON).body("""
                        {"members": [{"alias": "Magnolia", "sex": "female", "ageBand": "18-59", "vulnerabilities": []}],
                         "currentCountry": "%s", "plannedRoute": ["%s", "KR"]}""".formatted(country, country))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    List<String> listed(Map<String, ?> query) {
        return given().header("Authorization", caseworker).queryParams(query).get("/api/v1/cases").then()
                .statusCode(200).extract().path("items.id");
    }

    @Test
    void severalValuesOfAFieldMatchAnyOfThem() {
        String inChina = openCase("CN");
        String inLaos = openCase("LA");
        String inThailand = openCase("TH");
        given().header("Authorization", caseworker).contentType(ContentType.JSON)
                .body("{\"kind\": \"detained\", \"country\": \"LA\", \"date\": \"2026-10-01\"}")
                .post("/api/v1/cases/" + inLaos + "/journey").then().statusCode(201);

        given().header("Authorization", caseworker).queryParam("currentCountry", "CN,TH").get("/api/v1/cases").then()
                .statusCode(200).body("items.id", containsInAnyOrder(inChina, inThailand));
        given().header("Authorization", caseworker).queryParam("status", "detained,in-transit").get("/api/v1/cases").then()
                .statusCode(200).body("items.id", containsInAnyOrder(inLaos));
        given().header("Authorization", caseworker).queryParam("status", "open,detained").queryParam("currentCountry", "LA")
                .get("/api/v1/cases").then().statusCode(200).body("items.id", containsInAnyOrder(inLaos));
    }

    @Test
    void casesChangedWithinAWindow() throws InterruptedException {
        String untouched = openCase("CN");
        String changed = openCase("CN");
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        given().header("Authorization", caseworker).contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\"}")
                .post("/api/v1/cases/" + changed + "/journey").then().statusCode(201);

        given().header("Authorization", caseworker).queryParam("updatedAfter", between.toString()).get("/api/v1/cases").then()
                .statusCode(200).body("items.id", containsInAnyOrder(changed));
        given().header("Authorization", caseworker).queryParam("updatedBefore", between.toString()).get("/api/v1/cases").then()
                .statusCode(200).body("items.id", containsInAnyOrder(untouched));
    }

    @Test
    void casesOpenedWithinDays() {
        String id = openCase("CN");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().header("Authorization", caseworker).queryParam("openedFrom", today.toString())
                .queryParam("openedTo", today.toString()).get("/api/v1/cases").then()
                .statusCode(200).body("items.id", containsInAnyOrder(id));
        given().header("Authorization", caseworker).queryParam("openedTo", today.minusDays(1).toString()).get("/api/v1/cases").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void everyListedCaseIsAuditedAsReadAndItsChainHolds() {
        List<String> ids = List.of(openCase("CN"), openCase("LA"), openCase("TH"));
        String officer = bearerFor("po-" + organisation, organisation, "protection-officer");
        String auditor = bearerFor("au-" + organisation, organisation, "auditor");

        given().header("Authorization", officer).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", containsInAnyOrder(ids.toArray()));
        given().header("Authorization", caseworker).queryParam("currentCountry", "LA").get("/api/v1/cases").then().statusCode(200);

        for (String id : ids) {
            List<String> expected = id.equals(ids.get(1))
                    ? List.of("create", "read", "read-personal-data", "read")
                    : List.of("create", "read", "read-personal-data");
            given().header("Authorization", auditor).get("/api/v1/cases/" + id + "/audit").then().statusCode(200)
                    .body("items.action", equalTo(expected)).body("chainIntact", equalTo(true));
        }
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        record Bad(Map<String, String> query, String field) {
        }
        for (Bad bad : List.of(new Bad(Map.of("status", "open,nonsense"), "status"), new Bad(Map.of("status", "open,"), "status"),
                new Bad(Map.of("currentCountry", "CN,china"), "currentCountry"), new Bad(Map.of("risk", "extreme"), "risk"),
                new Bad(Map.of("updatedAfter", "yesterday"), "updatedAfter"), new Bad(Map.of("openedFrom", "2026-13-01"), "openedFrom"),
                new Bad(Map.of("openedFrom", "2026-10-02", "openedTo", "2026-10-01"), "openedFrom"),
                new Bad(Map.of("updatedAfter", "2026-10-02T00:00:00Z", "updatedBefore", "2026-10-01T00:00:00Z"), "updatedAfter"))) {
            given().header("Authorization", caseworker).queryParams(bad.query()).get("/api/v1/cases").then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(bad.field()));
        }
    }
}
