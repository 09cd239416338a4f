package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.cases.service.CaseKeyMaintenance;
import org.corridor.cases.service.CaseKeys;
import org.corridor.cases.support.TransferOffers;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Envelope encryption: a data key per case, wrapped by a version of its organisation's key, which rotates by re-wrapping. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class CaseKeysTest {

    private static final String LEGAL_NAME = "Ri Chun-hee-" + UUID.randomUUID();

    @Inject
    DataSource dataSource;
    @Inject
    CaseKeys keys;
    @Inject
    CaseKeyMaintenance maintenance;
    @Inject
    FieldCipher derivedKeyCipher;
    @ConfigProperty(name = "corridor.cases.organisation-key-directory")
    Path keyDirectory;

    private static String organisation() {
        return "keys-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String open(String organisation) {
        return given().header("Authorization", bearerFor("cw", organisation, "caseworker")).contentType(ContentType.JSON)
                .body("""
                        {"members": [{"alias": "Heron", "sex": "female", "ageBand": "18-59", "legalName": "%s",
                                      "placeOfOrigin": "Chongjin"}],
                         "currentCountry": "CN", "plannedRoute": ["CN", "LA", "TH"], "notes": "Afraid of the broker."}"""
                        .formatted(LEGAL_NAME))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    private static void readsInFull(String organisation, String caseId) {
        given().header("Authorization", bearerFor("po", organisation, "protection-officer")).get("/api/v1/cases/" + caseId)
                .then().statusCode(200)
                .body("members[0].legalName", equalTo(LEGAL_NAME))
                .body("members[0].alias", equalTo("Heron"))
                .body("notes", equalTo("Afraid of the broker."));
    }

    /** The case's sealed fields as stored, hex. */
    private String ciphertext(String caseId) throws Exception {
        return text("""
                SELECT string_agg(encode(m.alias, 'hex') || encode(m.personal_data, 'hex'), ',' ORDER BY m.position)
                       || encode(c.notes, 'hex')
                FROM case_file c JOIN case_member m ON m.case_id = c.id WHERE c.id = '%s' GROUP BY c.notes""".formatted(caseId));
    }

    private String keyVersion(String caseId) throws Exception {
        return text("SELECT data_key_version::text FROM case_file WHERE id = '" + caseId + "'");
    }

    private String currentVersion(String organisation) throws Exception {
        return text("SELECT version::text FROM organisation_key WHERE retired_at IS NULL AND organisation = '" + organisation + "'");
    }

    private String text(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private void execute(String sql, Object... parameters) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    @Test
    void eachCaseHasItsOwnKeyWrappedByItsOrganisationsKeyWhichIsKeptOutsideTheDatabase() throws Exception {
        String organisation = organisation();
        String first = open(organisation);
        String second = open(organisation);
        readsInFull(organisation, first);

        String version = currentVersion(organisation);
        assertNotNull(version);
        assertEquals(version, keyVersion(first));
        assertEquals(version, keyVersion(second));
        assertNotEquals(text("SELECT encode(data_key, 'hex') FROM case_file WHERE id = '" + first + "'"),
                text("SELECT encode(data_key, 'hex') FROM case_file WHERE id = '" + second + "'"));
        Path versionFile = keyDirectory.resolve(organisation).resolve(version);
        assertTrue(Files.exists(versionFile));
        String stored = Files.readString(versionFile);
        assertEquals("2026-01", stored.lines().findFirst().orElseThrow(), "the file is sealed under the master key it names");

    }

    @Test
    void aTransferWrapsTheCaseKeyForTheReceiverWithoutSealingAnyFieldAgain() throws Exception {
        String sender = organisation();
        String receiver = organisation();
        open(receiver);
        String id = open(sender);
        String sealedBefore = ciphertext(id);

        String transfer = given().header("Authorization", bearerFor("co", sender, "coordinator")).contentType(ContentType.JSON)
                .body(TransferOffers.to(receiver)).post("/api/v1/cases/" + id + "/transfers").then()
                .statusCode(201).extract().path("id");
        given().header("Authorization", bearerFor("co", receiver, "coordinator"))
                .post("/api/v1/transfers/" + transfer + "/accept").then().statusCode(200);

        assertEquals(sealedBefore, ciphertext(id));
        assertEquals(currentVersion(receiver), keyVersion(id));
        readsInFull(receiver, id);
        given().header("Authorization", bearerFor("po", sender, "protection-officer")).get("/api/v1/cases/" + id)
                .then().statusCode(404);
    }

    @Test
    void theOrganisationKeyRotatesByReWrappingWhileCasesStayReadableAndTheOldVersionIsDestroyed() throws Exception {
        String organisation = organisation();
        String before = open(organisation);
        String sealedBefore = ciphertext(before);
        String retired = currentVersion(organisation);

        keys.retire(organisation);
        String current = currentVersion(organisation);
        assertNotEquals(retired, current);
        // meanwhile both versions open: the case under the retired one, a new case under the current one
        readsInFull(organisation, before);
        String during = open(organisation);
        assertEquals(current, keyVersion(during));
        assertEquals(retired, keyVersion(before));

        maintenance.finishRetiring(organisation);

        assertEquals(current, keyVersion(before));
        assertEquals(sealedBefore, ciphertext(before), "rotation re-wraps keys only");
        assertNull(text("SELECT version::text FROM organisation_key WHERE version = '" + retired + "'"));
        assertFalse(Files.exists(keyDirectory.resolve(organisation).resolve(retired)));
        readsInFull(organisation, before);
        readsInFull(organisation, during);
    }

    @Test
    void aCaseSealedBeforeCasesHadKeysStaysReadableAndMovesToAKeyOfItsOwn() throws Exception {
        String organisation = organisation();
        UUID id = UUID.randomUUID();
        UUID memberId = UUID.randomUUID();
        String masterKeyId = derivedKeyCipher.currentKeyId();
        execute("""
                INSERT INTO case_file (id, organisation, status, current_country, planned_route, needs, notes, key_id,
                                       revision, opened_on, created_at, updated_at)
                VALUES (?, ?, 'OPEN', 'CN', '{CN,LA,TH}', '[]', ?, ?, 0, current_date, now(), now())""",
                id, organisation, derivedKeyCipher.seal(new FieldLocation(organisation, masterKeyId, id, "notes"),
                        "Afraid of the broker."), masterKeyId);
        execute("""
                INSERT INTO case_member (id, case_id, position, alias, sex, age_band, vulnerabilities, personal_data)
                VALUES (?, ?, 0, ?, 'FEMALE', 'AGE_18_59', '{}', ?)""",
                memberId, id,
                derivedKeyCipher.seal(new FieldLocation(organisation, masterKeyId, id, "member/" + memberId + "/alias"), "Heron"),
                derivedKeyCipher.seal(new FieldLocation(organisation, masterKeyId, id, "member/" + memberId + "/personal"),
                        "{\"legalName\": \"" + LEGAL_NAME + "\"}"));
        readsInFull(organisation, id.toString());
        String sealedBefore = ciphertext(id.toString());

        maintenance.moveCasesToOwnKeys();

        assertNull(text("SELECT key_id FROM case_file WHERE id = '" + id + "'"));
        assertEquals(currentVersion(organisation), keyVersion(id.toString()));
        assertNotEquals(sealedBefore, ciphertext(id.toString()));
        readsInFull(organisation, id.toString());
    }
}
