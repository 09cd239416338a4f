package org.corridor.cases.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.platform.idempotency.IdempotentRequests;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The Idempotency-Key record against a stolen backup and a curious colleague: neither may confirm a guessed request,
 * personal data and all.
 */
@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class IdempotencyFingerprintTest {

    static final String CASEWORKER = bearerFor("cw-a", "crossing-hope", "caseworker");
    static final String OTHER_CASEWORKER = bearerFor("cw-a2", "crossing-hope", "caseworker");

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper objectMapper;

    @Inject
    IdempotentRequests idempotentRequests;

    static String body(String legalName) {
        return """
                {"members": [{"alias": "Magnolia", "sex": "female", "ageBand": "18-59", "vulnerabilities": [],
                              "legalName": "%s", "dateOfBirth": "1987"}],
                 "currentCountry": "CN", "plannedRoute": ["CN", "KR"]}""".formatted(legalName);
    }

    static String open(String key, String body, int status) {
        return open(CASEWORKER, key, body, status);
    }

    static String open(String caller, String key, String body, int status) {
        return given().header("Authorization", caller).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/cases").then().statusCode(status).extract().path("id");
    }

    String fingerprint(String key) throws Exception {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT request_hash FROM idempotent_request WHERE key = ?")) {
            query.setString(1, key);
            try (var row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    void store(String key, String fingerprint) throws Exception {
        try (var connection = dataSource.getConnection();
             var update = connection.prepareStatement("UPDATE idempotent_request SET request_hash = ? WHERE key = ?")) {
            update.setString(1, fingerprint);
            update.setString(2, key);
            update.executeUpdate();
        }
    }

    @Test
    void aGuessedRequestCannotBeConfirmedFromTheStoredFingerprintAndRetriesStillMatch() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = body("Kim Ok-sun " + UUID.randomUUID());
        String opened = open(key, body, 201);
        // what someone holding a backup computes for a guess that happens to be right
        byte[] request = objectMapper.writeValueAsBytes(CaseMapper.description(objectMapper.readValue(body, CaseRequest.class)));
        String guess = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request));

        String stored = fingerprint(key);
        assertFalse(stored.contains(guess), "the stored fingerprint is not the plain SHA-256 of the request");
        assertEquals(opened, open(key, body, 201), "a retry still finds its case");
        open(key, body("Kim Ok-ja"), 422);

        // a record of the previous release holds that plain digest: a retry still matches it, and a start keys it
        store(key, guess);
        assertEquals(opened, open(key, body, 201), "the guess is the digest the previous release stored");
        idempotentRequests.keyPlainFingerprints();
        assertEquals(stored, fingerprint(key), "keyed, it is the fingerprint a new record gets");
        assertEquals(opened, open(key, body, 201));
        open(key, body("Kim Ok-ja"), 422);

        // online, another caseworker of the organisation who reuses the key learns nothing: it is not theirs
        String theirs = open(OTHER_CASEWORKER, key, body, 201);
        assertNotEquals(opened, theirs);
        assertEquals(theirs, open(OTHER_CASEWORKER, key, body, 201));
    }
}
