package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyHash;
import org.corridor.gateway.keys.ApiKeyImport;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
@WithTestResource(UpstreamStub.class)
class ApiKeyGatewayTest {

    static final String CASEWORKER_KEY = "cor_test-caseworker-key-0123456789abcdefghijklmnop";
    static final String REVOKED_KEY = "cor_test-revoked-key-0123456789abcdefghijklmnopqr";

    @Inject
    DataSource dataSource;

    @Inject
    ApiKeyDirectory directory;

    @Inject
    ApiKeyImport keyImport;

    @BeforeEach
    void keys() throws Exception {
        insertKey(CASEWORKER_KEY, "crossing-hope", "caseworker", false);
        insertKey(REVOKED_KEY, "crossing-hope", "coordinator", true);
        directory.refresh();
    }

    void insertKey(String key, String org, String role, boolean revoked) throws Exception {
        try (var connection = dataSource.getConnection();
             var insert = connection.prepareStatement("""
                     INSERT INTO api_key (id, key_hash, organisation, roles, label, revoked_at)
                     VALUES (?, ?, ?, ?, 'test', CASE WHEN ? THEN now() END) ON CONFLICT (key_hash) DO NOTHING""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setBytes(2, ApiKeyHash.of(key).bytes());
            insert.setString(3, org);
            insert.setArray(4, connection.createArrayOf("text", new String[] {role}));
            insert.setBoolean(5, revoked);
            insert.executeUpdate();
        }
    }

    @Test
    void missingUnknownAndRevokedKeysAre401Problems() {
        given().when().get("/api/v1/cases").then()
                .statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "ApiKey")
                .body("status", equalTo(401));
        given().header("Authorization", "ApiKey cor_unknown").when().get("/api/v1/cases").then()
                .statusCode(401).contentType("application/problem+json")
                .body(not(containsString("cor_unknown")));
        given().header("Authorization", "Bearer " + CASEWORKER_KEY).when().get("/api/v1/cases").then()
                .statusCode(401);
        given().header("Authorization", "ApiKey " + REVOKED_KEY).when().get("/api/v1/cases").then()
                .statusCode(401);
    }

    @Test
    void forwardsWithASignedInternalTokenInsteadOfTheKey() throws Exception {
        String authorization = given().header("Authorization", "ApiKey " + CASEWORKER_KEY).header("X-Request-Id", "req-gw-1")
                .when().get("/api/v1/cases/abc").then()
                .statusCode(200)
                .header("X-Request-Id", "req-gw-1")
                .body("path", equalTo("/api/v1/cases/abc"))
                .body("requestId", equalTo("req-gw-1"))
                .extract().path("authorization");

        assertTrue(authorization.startsWith("Bearer "));
        var jws = new JsonWebSignature();
        jws.setCompactSerialization(authorization.substring("Bearer ".length()));
        jws.setKey(KeyUtils.decodePublicKey(Files.readString(Path.of(System.getProperty("corridor.test.jwt.public-key"))), SignatureAlgorithm.ES256));
        assertTrue(jws.verifySignature(), "signed with the gateway's key");
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals("corridor-gateway", claims.getIssuer());
        assertEquals(List.of("corridor-services"), claims.getAudience());
        assertEquals("crossing-hope", claims.getClaimValue("org"));
        assertEquals(List.of("caseworker"), claims.getStringListClaimValue("roles"));
        assertTrue(claims.getExpirationTime().getValueInMillis() - System.currentTimeMillis() <= 5 * 60 * 1000);

        String again = given().header("Authorization", "ApiKey " + CASEWORKER_KEY).when().get("/api/v1/cases").then()
                .statusCode(200).extract().path("authorization");
        assertEquals(authorization, again, "one token per key for most of its life");
    }

    @Test
    void createsARequestIdWhenNoneOrAMalformedOneIsSent() {
        given().header("Authorization", "ApiKey " + CASEWORKER_KEY).header("X-Request-Id", "two words")
                .when().get("/api/v1/cases").then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void unknownApiPathIsA404Problem() {
        given().header("Authorization", "ApiKey " + CASEWORKER_KEY).when().get("/api/v1/nothing-here").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "ApiKey " + CASEWORKER_KEY).when().get("/api/v1/casesX").then()
                .statusCode(404);
    }

    @Test
    void aServiceThatIsDownGivesA503Problem() {
        given().header("Authorization", "ApiKey " + CASEWORKER_KEY).when().get("/api/v1/countries").then()
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503));
    }

    @Test
    void importingTheSameKeysTwiceAddsThemOnce(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys.json");
        Files.writeString(file, """
                [{"id": "%s", "org": "open-road", "roles": ["analyst"], "label": "demo", "sha256": "%s"}]"""
                .formatted(UUID.randomUUID(), ApiKeyHash.of("cor_imported-key-000000000000000000000000000").hex()));
        assertEquals(1, keyImport.importFrom(file));
        assertEquals(0, keyImport.importFrom(file));
        this.directory.refresh();
        given().header("Authorization", "ApiKey cor_imported-key-000000000000000000000000000").when().get("/api/v1/cases").then()
                .statusCode(200);
    }
}
