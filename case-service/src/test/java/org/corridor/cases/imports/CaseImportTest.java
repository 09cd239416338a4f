package org.corridor.cases.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.corridor.cases.support.TestPolicies;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class CaseImportTest {

    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @BeforeEach
    void policies() throws Exception {
        TestPolicies.publishAndAwait(dataSource, "CN", "2008-08-01", "critical", "routine");
    }

    static String line(String externalId, String legalName) {
        return """
                {"externalId": "%s", "members": [
                   {"alias": "Magnolia", "sex": "female", "ageBand": "18-59", "vulnerabilities": ["trafficking-survivor"],
                    "legalName": "%s", "dateOfBirth": "1987", "placeOfOrigin": "Hyesan"},
                   {"alias": "Sparrow", "sex": "female", "ageBand": "5-11", "vulnerabilities": ["unaccompanied-child"]}],
                 "currentCountry": "CN", "plannedRoute": ["CN", "LA", "TH", "KR"],
                 "needs": [{"kind": "shelter", "state": "identified"}], "notes": "Met at the border."}"""
                .formatted(externalId, legalName).replace("\n", "");
    }

    @Test
    void importsGoodLinesRefusesBadOnesByLineNumberAndReplaysTheFileWithoutASecondCase() throws Exception {
        String organisation = "import-" + UUID.randomUUID();
        String officer = bearerFor("po-import", organisation, "protection-officer");
        String secret = "Secret-" + UUID.randomUUID();
        String file = String.join("\n",
                line("F-1", secret + "-1"),
                "{\"externalId\": \"F-2\", \"members\": [{\"alias\": \"" + secret + "\", \"sex\": \"robot\", \"ageBand\": \"18-59\"}]}",
                "{\"externalId\": \"F-3\", \"members\": [{\"sex\": \"male\", \"ageBand\": \"18-59\", \"legalName\": \"" + secret + "\"}]}",
                "{\"externalId\": \"F-4\", \"members\": [ " + secret,
                "",
                line("F-5", secret + "-5"),
                "{\"externalId\": \"F-6\", \"notes\": \"" + secret + "x".repeat(10 * 1024 * 1024) + "\", \"members\": []}",
                secret + " is not JSON at all",
                line("F-1", secret + "-again"),
                line("F-9", secret + "-9")) + "\n";

        JsonNode first = completed(officer, post(officer, file));
        assertEquals(9, first.get("lines").asInt());
        assertEquals(3, first.get("created").asInt());
        assertEquals(1, first.get("replayed").asInt(), "F-1 twice in one file is one case");
        assertEquals(5, first.get("rejected").asInt());
        List<Integer> refused = new ArrayList<>();
        first.get("errors").forEach(error -> refused.add(error.get("line").asInt()));
        assertEquals(List.of(2, 3, 4, 7, 8), refused);
        JsonNode errors = first.get("errors");
        assertEquals("members[0].sex", errors.get(0).get("problem").get("errors").get(0).get("field").asText());
        assertEquals("members[0].alias", errors.get(1).get("problem").get("errors").get(0).get("field").asText());
        assertEquals(400, errors.get(3).get("problem").get("status").asInt());
        assertFalse(first.toString().contains(secret), "an error never repeats the line's content");

        JsonNode again = completed(officer, post(officer, file));
        assertEquals(0, again.get("created").asInt());
        assertEquals(4, again.get("replayed").asInt());
        assertEquals(3, casesOf(organisation).size(), "a replayed file creates no case");
    }

    @Test
    void anImportedCaseIsSealedScoredAuditedAndEventedAsAnOpenedOne() throws Exception {
        String organisation = "import-" + UUID.randomUUID();
        String caseworker = bearerFor("cw-import", organisation, "caseworker");
        String legalName = "Ri Sun-hui " + UUID.randomUUID();
        completed(caseworker, post(caseworker, line("A-1", legalName) + "\n"));

        UUID caseId = casesOf(organisation).getFirst();
        try (var connection = dataSource.getConnection()) {
            try (var rows = connection.createStatement().executeQuery("""
                    SELECT m.personal_data, m.alias, c.risk_level, c.notes FROM case_member m JOIN case_file c ON c.id = m.case_id
                    WHERE c.id = '%s' ORDER BY m.position""".formatted(caseId))) {
                assertTrue(rows.next());
                assertFalse(new String(rows.getBytes(1), StandardCharsets.ISO_8859_1).contains("Ri Sun-hui"), "personal data sealed");
                assertFalse(new String(rows.getBytes(2), StandardCharsets.ISO_8859_1).contains("Magnolia"), "alias sealed");
                assertEquals("CRITICAL", rows.getString(3), "scored from the policy of China");
            }
            assertEquals(List.of("CREATE"), strings(connection,
                    "SELECT action FROM audit_entry WHERE case_id = '" + caseId + "' AND actor = 'cw-import' ORDER BY id"));
            assertEquals(List.of("org.corridor.case.opened"), strings(connection,
                    "SELECT type FROM outbox_event WHERE record_key = '" + caseId + "'"));
        }
        given().header("Authorization", bearerFor("po-import", organisation, "protection-officer"))
                .get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("members[0].legalName", equalTo(legalName)).body("risk.level", equalTo("critical"));
    }

    @Test
    void exportImportedIntoAnotherOrganisationReproducesTheCases() throws Exception {
        String from = "export-" + UUID.randomUUID();
        String to = "export-" + UUID.randomUUID();
        String fromOfficer = bearerFor("po-from", from, "protection-officer");
        String toOfficer = bearerFor("po-to", to, "protection-officer");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            file.append(line("E-" + i, "Name " + i)).append('\n');
        }
        completed(fromOfficer, post(fromOfficer, file.toString()));
        // a case opened one at a time is exported too, under its id
        given().header("Authorization", bearerFor("cw-from", from, "caseworker")).contentType("application/json")
                .body("{\"members\": [{\"alias\": \"Crane\", \"sex\": \"male\", \"ageBand\": \"60+\", \"contact\": \"x\"}]}")
                .post("/api/v1/cases").then().statusCode(201);

        String exported = export(fromOfficer);
        assertEquals(26, exported.lines().count());
        JsonNode imported = completed(toOfficer, post(toOfficer, exported));
        assertEquals(26, imported.get("created").asInt());
        assertEquals(lines(exported), lines(export(toOfficer)), "the other organisation's export is the same file");

        String masked = export(bearerFor("cw-from", from, "caseworker"));
        assertFalse(masked.contains("Name 1"), "a caseworker's export has no personal data");
        assertTrue(masked.contains("Magnolia"), "but the aliases");
        try (var connection = dataSource.getConnection()) {
            assertEquals(List.of("26"), strings(connection, "SELECT count(*) FROM audit_entry WHERE organisation = '" + from
                    + "' AND actor = 'po-from' AND action = 'READ_PERSONAL_DATA'"));
        }
    }

    @Test
    void aBodyThatIsNotNdjsonIsAProblem() {
        String officer = bearerFor("po-import", "import-" + UUID.randomUUID(), "protection-officer");
        given().header("Authorization", officer).contentType("application/json").body("[" + line("X", "y") + "]")
                .post("/api/v1/cases/imports").then().statusCode(415).contentType(startsWith("application/problem+json"));
        given().header("Authorization", officer).contentType(NDJSON).body(new byte[0])
                .post("/api/v1/cases/imports").then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void anImportOfAnotherOrganisationIsNotFound() {
        ExtractableResponse<Response> accepted = post(bearerFor("po-a", "import-" + UUID.randomUUID(), "protection-officer"),
                line("O-1", "n") + "\n");
        given().header("Authorization", bearerFor("po-b", "import-" + UUID.randomUUID(), "protection-officer"))
                .get(accepted.header("Location")).then().statusCode(404);
    }

    private static ExtractableResponse<Response> post(String bearer, String file) {
        ExtractableResponse<Response> accepted = given().header("Authorization", bearer).contentType(NDJSON)
                .body(file.getBytes(StandardCharsets.UTF_8)).post("/api/v1/cases/imports").then().statusCode(202).extract();
        assertNotNull(accepted.header("Location"));
        return accepted;
    }

    private static JsonNode completed(String bearer, ExtractableResponse<Response> accepted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String location = accepted.header("Location");
        while (true) {
            JsonNode job = JSON.readTree(accepted.asString());
            if (!job.get("status").asText().equals("running")) {
                assertEquals("completed", job.get("status").asText());
                return job;
            }
            assertTrue(System.nanoTime() < deadline, "the import did not complete in time");
            Thread.sleep(200);
            accepted = given().header("Authorization", bearer).get(location).then().statusCode(200).extract();
        }
    }

    private static String export(String bearer) {
        return given().header("Authorization", bearer).accept(NDJSON).get("/api/v1/cases/export")
                .then().statusCode(200).contentType(startsWith(NDJSON)).extract().asString();
    }

    private static Set<JsonNode> lines(String file) throws Exception {
        Set<JsonNode> lines = new HashSet<>();
        for (String line : file.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private List<UUID> casesOf(String organisation) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            return strings(connection, "SELECT id FROM case_file WHERE organisation = '" + organisation + "'").stream()
                    .map(UUID::fromString).toList();
        }
    }

    private static List<String> strings(java.sql.Connection connection, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var rows = connection.createStatement().executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
