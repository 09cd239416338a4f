package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.service.RetentionService;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Retention: personal data of cases final for longer than their organisation keeps it is erased by a job. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class RetentionTest {

    @Inject
    DataSource dataSource;
    @Inject
    RetentionService retention;

    private final String organisation = "retention-" + UUID.randomUUID().toString().substring(0, 8);
    private final String coordinator = bearerFor("co-ret", organisation, "coordinator");

    private String open() {
        return given().header("Authorization", bearerFor("cw-ret", organisation, "caseworker")).contentType(ContentType.JSON)
                .body("{\"members\": [{\"alias\": \"Wren\", \"sex\": \"male\", \"ageBand\": \"60+\", \"legalName\": \"Kang\"}]}")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    private void close(String id) {
        given().header("Authorization", coordinator).contentType(ContentType.JSON).body("{\"reason\": \"Settled.\"}")
                .post("/api/v1/cases/" + id + "/close").then().statusCode(200);
    }

    private void put(String token, String body, int status) {
        given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .put("/api/v1/organisation/retention").then().statusCode(status);
    }

    private String text(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private void execute(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void aCoordinatorSetsHowLongPersonalDataOfFinalCasesIsKeptAndNonsenseChangesNothing() {
        given().header("Authorization", coordinator).get("/api/v1/organisation/retention").then().statusCode(200)
                .body("erasePersonalDataMonthsAfterFinal", nullValue());
        put(coordinator, "{\"erasePersonalDataMonthsAfterFinal\": 24}", 200);
        for (String nonsense : List.of("{\"erasePersonalDataMonthsAfterFinal\": 0}", "{\"erasePersonalDataMonthsAfterFinal\": -3}",
                "{\"erasePersonalDataMonthsAfterFinal\": \"soon\"}", "{\"erasePersonalDataMonthsAfterFinal\": 100000}", "[]")) {
            put(coordinator, nonsense, 400);
        }
        put(bearerFor("cw-ret", organisation, "caseworker"), "{\"erasePersonalDataMonthsAfterFinal\": 1}", 403);
        given().header("Authorization", coordinator).get("/api/v1/organisation/retention").then().statusCode(200)
                .body("erasePersonalDataMonthsAfterFinal", equalTo(24));
        given().header("Authorization", bearerFor("co-b", "open-road-" + UUID.randomUUID(), "coordinator"))
                .get("/api/v1/organisation/retention").then().statusCode(200)
                .body("erasePersonalDataMonthsAfterFinal", nullValue());
        put(coordinator, "{\"erasePersonalDataMonthsAfterFinal\": null}", 200);
        given().header("Authorization", coordinator).get("/api/v1/organisation/retention").then().statusCode(200)
                .body("erasePersonalDataMonthsAfterFinal", nullValue());
    }

    @Test
    void casesFinalForLongerThanTheOrganisationKeepsThemAreErasedByTheJobAndOnlyThose() throws Exception {
        String longFinal = open();
        String recentlyFinal = open();
        String active = open();
        close(longFinal);
        close(recentlyFinal);
        assertNotNull(text("SELECT final_since FROM case_file WHERE id = '" + recentlyFinal + "'"));
        execute("UPDATE case_file SET final_since = now() - interval '7 months' WHERE id = '" + longFinal + "'");
        execute("UPDATE case_file SET final_since = now() - interval '5 months' WHERE id = '" + recentlyFinal + "'");
        assertEquals(0, retention.eraseWhatIsDue(), "nothing is erased before the organisation sets a retention");

        put(coordinator, "{\"erasePersonalDataMonthsAfterFinal\": 6}", 200);
        retention.eraseWhatIsDue();

        String officer = bearerFor("po-ret", organisation, "protection-officer");
        given().header("Authorization", officer).get("/api/v1/cases/" + longFinal).then().statusCode(410);
        given().header("Authorization", officer).get("/api/v1/cases/" + recentlyFinal).then().statusCode(200)
                .body("members[0].legalName", equalTo("Kang"));
        given().header("Authorization", officer).get("/api/v1/cases/" + active).then().statusCode(200)
                .body("members[0].legalName", equalTo("Kang"));
        given().header("Authorization", coordinator).get("/api/v1/cases/" + longFinal + "/audit").then().statusCode(200)
                .body("chainIntact", equalTo(true))
                .body("items[-1].action", equalTo("erase")).body("items[-1].actor", equalTo(RetentionService.ACTOR));
        assertEquals(RetentionService.ACTOR, text("SELECT erased_by FROM case_erasure WHERE case_id = '" + longFinal + "'"));
        assertEquals(0, retention.eraseWhatIsDue(), "a second run finds nothing more to do");
    }
}
