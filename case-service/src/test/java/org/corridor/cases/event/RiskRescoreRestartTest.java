package org.corridor.cases.event;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.support.TestPolicies;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A publication's re-scoring that fails part-way (PostgreSQL refuses a case's alert in the third batch) keeps what the
 * batches before committed, retries the rest until it can, and then leaves every case scored once: one alert, one
 * audit entry, one event and one webhook delivery each, deliveries in case order.
 */
@QuarkusTest
@TestProfile(RiskRescoreRestartTest.SmallBatches.class)
@WithTestResource(CorridorTestInfrastructure.class)
class RiskRescoreRestartTest {

    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("corridor.cases.rescore.batch-size", String.valueOf(BATCH));
        }
    }

    static final int BATCH = 4;
    static final String COUNTRY = "NP";
    static final String ORGANISATION = "rescore-restart";
    static final String CASEWORKER = bearerFor("cw-rr", ORGANISATION, "caseworker");
    static final String COORDINATOR = bearerFor("co-rr", ORGANISATION, "coordinator");
    static final String AUDITOR = bearerFor("au-rr", ORGANISATION, "auditor");

    @Inject
    DataSource dataSource;

    @Test
    void aFailureBetweenBatchesLeavesEveryCaseScoredExactlyOnceAfterTheRetry() throws Exception {
        for (int i = 0; i < 3 * BATCH; i++) {
            given().header("Authorization", CASEWORKER).contentType(ContentType.JSON).body("""
                            {"members": [{"alias": "Kite", "sex": "female", "ageBand": "18-59"}],
                             "currentCountry": "%s", "plannedRoute": ["%s"]}""".formatted(COUNTRY, COUNTRY))
                    .post("/api/v1/cases").then().statusCode(201);
        }
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                .body("{\"url\": \"http://127.0.0.1:9/unreachable\", \"events\": [\"alert.raised\"]}")
                .post("/api/v1/subscriptions").then().statusCode(201);
        TestPolicies.publishAndAwait(dataSource, COUNTRY, "2015-01-01", "low", "none");
        List<String> ids = strings("SELECT CAST(id AS text) FROM case_file WHERE current_country = '" + COUNTRY + "' ORDER BY id");
        Map<String, Long> revisions = perCase("SELECT CAST(id AS text), revision FROM case_file");
        Map<String, Long> auditEntries = perCase("SELECT CAST(case_id AS text), count(*) FROM audit_entry GROUP BY case_id");
        Map<String, Long> events = perCase("""
                SELECT subject, count(*) FROM outbox_event WHERE type = 'org.corridor.case.risk-changed' GROUP BY subject""");
        String failingCase = ids.get(2 * BATCH);
        execute("""
                CREATE FUNCTION refuse_alert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected failure'; END $$""");
        execute("CREATE TRIGGER refuse_third_batch BEFORE INSERT ON case_alert FOR EACH ROW WHEN (NEW.case_id = '"
                + failingCase + "') EXECUTE FUNCTION refuse_alert()");

        UUID critical = UUID.randomUUID();
        TestPolicies.send(COUNTRY, TestPolicies.published(critical, UUID.randomUUID(), COUNTRY, "2025-01-01", "critical",
                Instant.now().toString(), "routine"));
        TestPolicies.awaitProcessed(dataSource, critical);
        await("the first two batches", () -> alerted().size() == 2 * BATCH);
        // several scheduled retries of the third batch, each refused
        Thread.sleep(3_000);
        assertEquals(ids.subList(0, 2 * BATCH), alerted(), "the batches before the failure stay, the failed one left nothing");
        assertEquals(List.of(ids.get(2 * BATCH - 1)), strings("SELECT CAST(after_case AS text) FROM risk_rescore_job"));

        execute("DROP TRIGGER refuse_third_batch ON case_alert");
        await("the re-scoring to finish", () -> strings("SELECT CAST(id AS text) FROM risk_rescore_job").isEmpty());

        assertEquals(ids, alerted(), "every case alerted once, none twice");
        for (String id : ids) {
            assertEquals(revisions.get(id) + 1, perCase("SELECT CAST(id AS text), revision FROM case_file").get(id),
                    "scored once");
            assertEquals(auditEntries.get(id) + 1,
                    perCase("SELECT CAST(case_id AS text), count(*) FROM audit_entry GROUP BY case_id").get(id));
            assertEquals(events.getOrDefault(id, 0L) + 1, perCase("""
                    SELECT subject, count(*) FROM outbox_event WHERE type = 'org.corridor.case.risk-changed'
                    GROUP BY subject""").get(id));
            given().header("Authorization", AUDITOR).get("/api/v1/cases/" + id + "/audit").then()
                    .statusCode(200).body("chainIntact", equalTo(true));
        }
        assertEquals(ids, strings("""
                SELECT CAST(d.case_id AS text) FROM webhook_delivery d JOIN case_alert a ON a.id = d.alert_id
                WHERE a.country = '%s' ORDER BY d.position""".formatted(COUNTRY)), "one delivery a case, in case order");
    }

    List<String> alerted() {
        return strings("SELECT CAST(case_id AS text) FROM case_alert WHERE country = '" + COUNTRY + "' ORDER BY case_id");
    }

    List<String> strings(String sql) {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Long> perCase(String sql) throws SQLException {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            Map<String, Long> values = new HashMap<>();
            while (rows.next()) {
                values.put(rows.getString(1), rows.getLong(2));
            }
            return values;
        }
    }

    void execute(String sql) throws SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
