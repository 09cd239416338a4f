package org.corridor.cases.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.service.AuditCheckpoints;
import org.corridor.cases.support.PlainAuditChain;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit chain against someone who can write the database but holds none of the keys outside it. */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class AuditChainTest {

    static final String A = "crossing-hope";
    static final String CASEWORKER = bearerFor("cw-a", A, "caseworker");
    static final String OFFICER = bearerFor("po-a", A, "protection-officer");
    static final String AUDITOR = bearerFor("au-a", A, "auditor");
    static final String OTHER_CASEWORKER = bearerFor("cw-b", "open-road", "caseworker");

    @Inject
    DataSource dataSource;

    @Inject
    AuditCheckpoints checkpoints;

    static String openCase(String caseworker) {
        return given().header("Authorization", caseworker).contentType(ContentType.JSON).body("""
                        {"members": [{"alias": "Magnolia", "sex": "female", "ageBand": "18-59", "vulnerabilities": [],
                                      "legalName": "Kim Ok-sun"}],
                         "currentCountry": "CN", "plannedRoute": ["CN", "KR"]}""")
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    /** A case with five entries: create, then read and read-personal-data twice. */
    static String caseWithFiveEntries() {
        String id = openCase(CASEWORKER);
        readAsOfficer(id);
        readAsOfficer(id);
        return id;
    }

    static void readAsOfficer(String id) {
        given().header("Authorization", OFFICER).get("/api/v1/cases/" + id).then().statusCode(200);
    }

    static io.restassured.response.ValidatableResponse audit(String id) {
        return given().header("Authorization", AUDITOR).get("/api/v1/cases/" + id + "/audit").then().statusCode(200);
    }

    void execute(String sql) throws Exception {
        try (var connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate(sql);
        }
    }

    @Test
    void anEntryRewrittenWithItsHashAndEveryLaterOneRecomputedIsBroken() throws Exception {
        String keptKeyIds = caseWithFiveEntries();
        String droppedKeyIds = caseWithFiveEntries();
        audit(keptKeyIds).body("chainIntact", equalTo(true));

        PlainAuditChain.rewrite(dataSource, keptKeyIds, 1, "nobody", false);
        PlainAuditChain.rewrite(dataSource, droppedKeyIds, 1, "nobody", true);

        audit(keptKeyIds).body("items[1].actor", equalTo("nobody")).body("chainIntact", equalTo(false));
        audit(droppedKeyIds).body("items[1].actor", equalTo("nobody")).body("chainIntact", equalTo(false));
    }

    @Test
    void aTrailCutShortOfACheckpointIsBroken() throws Exception {
        String id = caseWithFiveEntries();
        long checkpoint = checkpoints.make().id();
        readAsOfficer(id);
        audit(id).body("chainIntact", equalTo(true))
                .body("items.size()", equalTo(7))
                .body("checkpoint.id", equalTo((int) checkpoint))
                .body("checkpoint.entries", equalTo(5));

        // the newest three entries, one of them signed in the checkpoint, as if they had never been written
        execute("DELETE FROM audit_entry WHERE id IN (SELECT id FROM audit_entry WHERE case_id = '" + id + "' ORDER BY id DESC LIMIT 3)");

        audit(id).body("items.size()", equalTo(4)).body("chainIntact", equalTo(false));
    }

    @Test
    void aCheckpointCannotBeAlteredToMatchACutTrail() throws Exception {
        String id = caseWithFiveEntries();
        long checkpoint = checkpoints.make().id();
        execute("DELETE FROM audit_entry WHERE id IN (SELECT id FROM audit_entry WHERE case_id = '" + id + "' ORDER BY id DESC LIMIT 2)");
        execute("""
                UPDATE audit_checkpoint_head SET entries = 3,
                    head = (SELECT hash FROM audit_entry WHERE case_id = '%1$s' ORDER BY id DESC LIMIT 1)
                WHERE checkpoint_id = %2$d AND case_id = '%1$s'""".formatted(id, checkpoint));

        audit(id).body("checkpoint.entries", equalTo(3)).body("chainIntact", equalTo(false));

        checkpoints.make(); // a checkpoint of the state as it is now, for the tests after this one
    }

    @Test
    void aCheckpointCannotForgetACutTrail() throws Exception {
        String id = caseWithFiveEntries();
        long checkpoint = checkpoints.make().id();
        execute("DELETE FROM audit_entry WHERE id IN (SELECT id FROM audit_entry WHERE case_id = '" + id + "' ORDER BY id DESC LIMIT 2)");
        execute("DELETE FROM audit_checkpoint_head WHERE checkpoint_id = %d AND case_id = '%s'".formatted(checkpoint, id));

        audit(id).body("chainIntact", equalTo(false));

        checkpoints.make();
    }

    @Test
    void anotherOrganisationsAlteredHeadsLeaveThisTrailIntact() throws Exception {
        String id = caseWithFiveEntries();
        String theirs = openCase(OTHER_CASEWORKER);
        long checkpoint = checkpoints.make().id();
        execute("UPDATE audit_checkpoint_head SET entries = 7 WHERE checkpoint_id = %d AND case_id = '%s'".formatted(checkpoint, theirs));

        audit(id).body("checkpoint.id", equalTo((int) checkpoint)).body("chainIntact", equalTo(true));

        checkpoints.make();
    }

    @Test
    void anAuditorChecksACheckpointWithoutCorridor() throws Exception {
        String own = caseWithFiveEntries();
        String others = openCase(OTHER_CASEWORKER);
        long checkpoint = checkpoints.make().id();

        Map<String, Object> newest = given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoints?limit=1").then()
                .statusCode(200).extract().path("items[0]");
        assertEquals((int) checkpoint, newest.get("id"));
        String statement = (String) newest.get("statement");
        String publicKey = given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoint-key").then()
                .statusCode(200).body("keyId", equalTo(newest.get("keyId"))).extract().path("publicKey");

        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(publicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")))));
        verifier.update(statement.getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode((String) newest.get("signature"))), "the signature checks");

        List<String> lines = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().header("Authorization", AUDITOR).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? new Object[0] : new Object[] {cursor})
                    .get("/api/v1/audit/checkpoints/" + checkpoint + "/heads").then().statusCode(200).extract();
            List<Map<String, Object>> heads = page.path("items");
            heads.forEach(head -> lines.add(head.get("caseId") + " " + head.get("entries") + " " + head.get("head") + "\n"));
            cursor = page.path("next");
        } while (cursor != null);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(own + " 5 ")), "the organisation's case is signed");
        assertFalse(lines.stream().anyMatch(line -> line.startsWith(others)), "another organisation's case is not shown");
        var digest = MessageDigest.getInstance("SHA-256");
        lines.forEach(line -> digest.update(line.getBytes(StandardCharsets.UTF_8)));
        assertTrue(statement.contains("\norganisation " + A + " " + HexFormat.of().formatHex(digest.digest()) + "\n"),
                "the heads are the ones the statement signed");

        given().header("Authorization", CASEWORKER).get("/api/v1/audit/checkpoints").then().statusCode(403);
        given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoints/x/heads").then().statusCode(400);
        given().header("Authorization", AUDITOR).get("/api/v1/audit/checkpoints/999999/heads").then().statusCode(404);
    }
}
