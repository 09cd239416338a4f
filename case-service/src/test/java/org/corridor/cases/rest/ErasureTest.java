package org.corridor.cases.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.security.CaseCipher;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.cases.security.OrganisationKeyStore;
import org.corridor.cases.service.SealedFields;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Erasure destroys a case's key: the case is gone for its organisation, and so is every earlier copy of its personal data. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class ErasureTest {

    private static final String LEGAL_NAME = "Pak Mi-ran-" + UUID.randomUUID();

    @Inject
    DataSource dataSource;
    @Inject
    CaseRepository cases;
    @Inject
    SealedFields sealed;
    @Inject
    OrganisationKeyStore store;
    @Inject
    FieldCipher derivedKeyCipher;
    @ConfigProperty(name = "corridor.cases.organisation-key-directory")
    Path keyDirectory;
    @ConfigProperty(name = "corridor.cases.key-directory")
    Path masterKeyDirectory;

    private final String organisation = "erasure-" + UUID.randomUUID().toString().substring(0, 8);
    private final String officer = bearerFor("po", organisation, "protection-officer");
    private final String coordinator = bearerFor("co", organisation, "coordinator");

    private String open() {
        String id = given().header("Authorization", bearerFor("cw", organisation, "caseworker")).contentType(ContentType.JSON)
                .body("""
                        {"members": [{"alias": "Crane", "sex": "female", "ageBand": "18-59", "vulnerabilities": ["medical"],
                                      "legalName": "%s", "relatives": "A sister in Hoeryong"},
                                     {"alias": "Reed", "sex": "male", "ageBand": "5-11"}],
                         "currentCountry": "CN", "plannedRoute": ["CN", "LA", "TH"], "notes": "Hides from the broker."}"""
                        .formatted(LEGAL_NAME))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        given().header("Authorization", bearerFor("cw", organisation, "caseworker")).contentType(ContentType.JSON)
                .body("{\"kind\": \"departed\", \"country\": \"CN\", \"date\": \"2026-10-01\", \"place\": \"Yanji station\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(201);
        return id;
    }

    private void erase(String token, String id, String body, int status) {
        given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/cases/" + id + "/erasure").then().statusCode(status);
    }

    @Test
    void anErasedCaseIsGoneForItsOrganisationAndUnknownToOthersWhileItsAuditTrailAndCodesRemain() {
        String id = open();
        erase(coordinator, id, "{\"reason\": \"The person asked for it.\"}", 204);

        given().header("Authorization", officer).get("/api/v1/cases/" + id).then().statusCode(410)
                .contentType("application/problem+json").body("status", equalTo(410)).body(not(containsString(LEGAL_NAME)));
        given().header("Authorization", officer).get("/api/v1/cases/" + id + "/journey").then().statusCode(410);
        given().header("Authorization", bearerFor("cw", organisation, "caseworker")).contentType(ContentType.JSON)
                .body("{\"kind\": \"detained\", \"country\": \"CN\", \"date\": \"2026-10-02\"}")
                .post("/api/v1/cases/" + id + "/journey").then().statusCode(410);
        given().header("Authorization", bearerFor("po-b", "open-road", "protection-officer")).get("/api/v1/cases/" + id)
                .then().statusCode(404);
        given().header("Authorization", officer).get("/api/v1/cases").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().header("Authorization", bearerFor("au", organisation, "auditor")).get("/api/v1/cases/" + id + "/audit")
                .then().statusCode(200).body("chainIntact", equalTo(true))
                .body("items.action", hasItem("erase")).body("items[-1].action", equalTo("erase"));
    }

    @Test
    void badErasuresAreProblemsAndChangeNothing() throws Exception {
        String id = open();
        String other = given().header("Authorization", bearerFor("cw-b", "open-road", "caseworker")).contentType(ContentType.JSON)
                .body("{\"members\": [{\"alias\": \"Finch\", \"sex\": \"male\", \"ageBand\": \"18-59\"}]}")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");

        erase(coordinator, id, "{\"reason\": \"" + "x".repeat(100 * 1024) + "\"}", 400);
        erase(coordinator, id, "{\"reason\": \"  \"}", 400);
        erase(coordinator, id, "{}", 400);
        erase(bearerFor("cw", organisation, "caseworker"), id, "{\"reason\": \"Asked.\"}", 403);
        erase(officer, id, "{\"reason\": \"Asked.\"}", 403);
        erase(coordinator, other, "{\"reason\": \"Not ours.\"}", 404);
        given().header("Authorization", officer).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("members[0].legalName", equalTo(LEGAL_NAME));
        given().header("Authorization", bearerFor("po-b", "open-road", "protection-officer")).get("/api/v1/cases/" + other)
                .then().statusCode(200).body("members[0].alias", equalTo("Finch"));
        assertEquals("0", text("SELECT count(*) FROM case_erasure WHERE case_id IN ('" + id + "', '" + other + "')"));

        erase(coordinator, id, "{\"reason\": \"The person asked for it.\"}", 204);
        String revision = text("SELECT revision FROM case_file WHERE id = '" + id + "'");
        given().header("Authorization", coordinator).contentType(ContentType.JSON).body("{\"reason\": \"Again.\"}")
                .post("/api/v1/cases/" + id + "/erasure").then().statusCode(410).contentType("application/problem+json");
        assertEquals(revision, text("SELECT revision FROM case_file WHERE id = '" + id + "'"));
        assertEquals("1", text("SELECT count(*) FROM audit_entry WHERE action = 'ERASE' AND case_id = '" + id + "'"));
    }

    @Test
    void aCopyOfTheDatabaseTakenBeforeTheErasureNoLongerOpensTheCaseWithTheKeysThatRemain() throws Exception {
        String erased = open();
        String kept = open();
        // the backup: every row that holds either case's personal data or its key, and the versions of the key
        execute("CREATE SCHEMA backup_" + suffix());
        for (String table : List.of("case_file", "case_member", "journey_entry")) {
            String column = table.equals("case_file") ? "id" : "case_id";
            execute("CREATE TABLE backup_%s.%s AS SELECT * FROM %s WHERE %s IN ('%s', '%s')"
                    .formatted(suffix(), table, table, column, erased, kept));
        }
        execute("CREATE TABLE backup_%s.organisation_key AS SELECT * FROM organisation_key WHERE organisation = '%s'"
                .formatted(suffix(), organisation));
        String versionBefore = text("SELECT data_key_version::text FROM backup_%s.case_file WHERE id = '%s'"
                .formatted(suffix(), erased));

        erase(coordinator, erased, "{\"reason\": \"The person asked for it.\"}", 204);

        // the organisation's other keys are wrapped anew after the answer, then the version is destroyed
        Path version = keyDirectory.resolve(organisation).resolve(versionBefore);
        for (int i = 0; i < 300 && Files.exists(version); i++) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(version), "the version is destroyed");
        assertTrue(store.key(organisation, UUID.fromString(versionBefore)).isEmpty());
        // restored over the live rows, as a restore of that backup would have them
        restore("case_member", erased);
        restore("journey_entry", erased);
        // (beside the live versions, one of which is current now)
        execute(("INSERT INTO organisation_key SELECT version, organisation, created_at, now() FROM backup_%s.organisation_key "
                + "WHERE version = '%s'").formatted(suffix(), versionBefore));
        execute("UPDATE case_file SET data_key = b.data_key, data_key_version = b.data_key_version, notes = b.notes, "
                + "key_id = b.key_id, erased_at = NULL FROM backup_%s.case_file b WHERE b.id = case_file.id AND b.id = '%s'"
                .formatted(suffix(), erased));

        // the system, with what it holds, opens none of it
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew()
                .call(() -> sealed.notes(cases.findById(UUID.fromString(erased)))));
        given().header("Authorization", coordinator).get("/api/v1/cases/" + erased + "/audit").then().statusCode(200);
        // nor does any key it holds: every organisation key version in the store, every master key
        byte[] wrapped = bytes("SELECT data_key FROM case_file WHERE id = '" + erased + "'");
        byte[] notes = bytes("SELECT notes FROM case_file WHERE id = '" + erased + "'");
        List<SecretKey> everyOrganisationKey = everyOrganisationKeyInTheStore();
        assertFalse(everyOrganisationKey.isEmpty());
        for (SecretKey key : everyOrganisationKey) {
            assertThrows(IllegalStateException.class, () -> CaseCipher.unwrap(key, UUID.fromString(erased), wrapped));
        }
        try (var masterKeys = Files.list(masterKeyDirectory)) {
            for (String masterKeyId : masterKeys.map(file -> file.getFileName().toString()).toList()) {
                assertThrows(IllegalStateException.class, () -> derivedKeyCipher.open(
                        new FieldLocation(organisation, masterKeyId, UUID.fromString(erased), "notes"), notes));
            }
        }

        // the case that was not erased opens from the same backup, with its key as the live database holds it now
        String live = text("SELECT data_key_version::text FROM case_file WHERE id = '" + kept + "'");
        assertFalse(live.equals(versionBefore));
        SecretKey keptKey = CaseCipher.unwrap(store.key(organisation, UUID.fromString(live)).orElseThrow(),
                UUID.fromString(kept), bytes("SELECT data_key FROM case_file WHERE id = '" + kept + "'"));
        assertEquals("Hides from the broker.", CaseCipher.open(keptKey, UUID.fromString(kept), "notes",
                bytes("SELECT notes FROM backup_%s.case_file WHERE id = '%s'".formatted(suffix(), kept))));
    }

    private void restore(String table, String caseId) throws Exception {
        execute("DELETE FROM %s WHERE case_id = '%s'".formatted(table, caseId));
        execute("INSERT INTO %s SELECT * FROM backup_%s.%s WHERE case_id = '%s'".formatted(table, suffix(), table, caseId));
    }

    private List<SecretKey> everyOrganisationKeyInTheStore() throws Exception {
        List<SecretKey> keys = new ArrayList<>();
        try (var folders = Files.list(keyDirectory)) {
            for (Path folder : folders.toList()) {
                try (var versions = Files.list(folder)) {
                    for (Path version : versions.filter(file -> !file.getFileName().toString().contains(".")).toList()) {
                        store.key(folder.getFileName().toString(), UUID.fromString(version.getFileName().toString()))
                                .ifPresent(keys::add);
                    }
                }
            }
        }
        return keys;
    }

    private String suffix() {
        return organisation.replace('-', '_');
    }

    private String text(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private byte[] bytes(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            assertTrue(rows.next());
            byte[] value = rows.getBytes(1);
            assertNotNull(value, sql);
            return value;
        }
    }

    private void execute(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
