package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyHash;
import org.corridor.gateway.keys.ApiKeyImport;
import org.corridor.gateway.keys.ApiKeyStore;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class ApiKeyGatewayTest {

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyDirectory directory;

    @Inject
    ApiKeyImport keyImport;

    @TestHTTPResource("/")
    URI gateway;

    TestApiKeys keys;
    String caseworkerKey;

    @BeforeEach
    void keys() {
        keys = new TestApiKeys(store, directory);
        caseworkerKey = keys.active("crossing-hope", "caseworker");
    }

    @Test
    void missingUnknownExpiredAndRevokedKeysAre401Problems() {
        given().when().get("/api/v1/cases").then()
                .statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "ApiKey, Bearer")
                .body("status", equalTo(401))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        given().header("Authorization", "ApiKey cor_unknown").when().get("/api/v1/cases").then()
                .statusCode(401).contentType("application/problem+json")
                .body(not(containsString("cor_unknown")));
        given().header("Authorization", "Bearer " + caseworkerKey).when().get("/api/v1/cases").then()
                .statusCode(401);
        String expired = keys.expired("crossing-hope", "coordinator");
        given().header("Authorization", "ApiKey " + expired).when().get("/api/v1/cases").then()
                .statusCode(401).contentType("application/problem+json");
        String revoked = keys.revoked("crossing-hope", "coordinator");
        given().header("Authorization", "ApiKey " + revoked).when().get("/api/v1/cases").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void forwardsWithASignedInternalTokenInsteadOfTheKey() throws Exception {
        var answer = given().header("Authorization", "ApiKey " + caseworkerKey).header("X-Request-Id", "req-gw-1")
                .header("Cookie", "session=abc").header("Host", "attacker.example")
                .when().get("/api/v1/cases/abc?status=open").then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .header("X-Client-Request-Id", "req-gw-1")
                .body("path", equalTo("/api/v1/cases/abc"))
                .body("query", equalTo("status=open"))
                .body("cookie", equalTo("null"))
                // the service is addressed as itself: the Host a caller sends never reaches it
                .body("host", matchesPattern("127\\.0\\.0\\.1:\\d+"))
                .extract();
        assertEquals(answer.header("X-Request-Id"), answer.path("requestId"),
                "the service records the gateway's request id, never the one the caller chose");
        String authorization = answer.path("authorization");

        assertTrue(authorization.startsWith("Bearer "));
        JwtClaims claims = verifiedInternalToken(authorization.substring("Bearer ".length()));
        assertEquals("corridor-gateway", claims.getIssuer());
        assertEquals(List.of("corridor-services"), claims.getAudience());
        assertEquals("crossing-hope", claims.getClaimValue("org"));
        assertEquals(List.of("caseworker"), claims.getStringListClaimValue("roles"));
        assertTrue(claims.getExpirationTime().getValueInMillis() - System.currentTimeMillis() <= 5 * 60 * 1000);

        String again = given().header("Authorization", "ApiKey " + caseworkerKey).when().get("/api/v1/cases").then()
                .statusCode(200).extract().path("authorization");
        assertEquals(authorization, again, "one token per key for most of its life");
    }

    @Test
    void clientsAskingForHttp2AreAnsweredOverHttp11() throws Exception {
        // java.net.http, and the Java client generated from the contract, offer an upgrade to HTTP/2 (h2c) by default
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> forwarded = http2.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/cases"))
                .header("Authorization", "ApiKey " + caseworkerKey).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, forwarded.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, forwarded.version());
        assertTrue(forwarded.body().contains("/api/v1/cases"), "the stub echoes the forwarded path");

        HttpResponse<String> refused = http2.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/cases"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void pathsAreForwardedAsRouted() {
        given().header("Authorization", "ApiKey " + caseworkerKey).urlEncodingEnabled(false)
                .when().get("/api/v1/cases/./abc/../def").then()
                .statusCode(200)
                .body("path", equalTo("/api/v1/cases/def"));
    }

    @Test
    void everyForwardedAnswerAdvertisesTheCallersRateLimit() {
        given().header("Authorization", "ApiKey " + caseworkerKey).when().get("/api/v1/cases").then()
                .statusCode(200)
                .header("RateLimit-Policy", "\"per-caller\";q=100;w=2")
                .header("RateLimit", "\"per-caller\";r=99;t=1");
    }

    @Test
    void createsARequestIdWhenNoneOrAMalformedOneIsSent() {
        given().header("Authorization", "ApiKey " + caseworkerKey).header("X-Request-Id", "two words")
                .when().get("/api/v1/cases").then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .header("X-Client-Request-Id", nullValue())
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void unknownApiPathIsA404Problem() {
        given().header("Authorization", "ApiKey " + caseworkerKey).when().get("/api/v1/nothing-here").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", "ApiKey " + caseworkerKey).when().get("/api/v1/casesX").then()
                .statusCode(404);
    }

    @Test
    void aServiceThatIsDownGivesA503Problem() {
        given().header("Authorization", "ApiKey " + caseworkerKey).header("X-Request-Id", "req-down-1")
                .when().get("/api/v1/countries").then()
                .statusCode(503).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .header("X-Client-Request-Id", "req-down-1")
                .body("status", equalTo(503))
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void importingTheSameKeysTwiceAddsThemOnce(@TempDir Path directory) throws Exception {
        String key = "cor_imported-key-" + UUID.randomUUID();
        Path file = directory.resolve("keys.json");
        Files.writeString(file, """
                [{"id": "%s", "org": "open-road", "roles": ["analyst"], "label": "demo", "sha256": "%s"}]"""
                .formatted(UUID.randomUUID(), ApiKeyHash.of(key).hex()));
        assertEquals(1, keyImport.importFrom(file));
        assertEquals(0, keyImport.importFrom(file));
        this.directory.refresh();
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then()
                .statusCode(200)
                .body("requestId", not(nullValue()));
    }

    @Test
    void callersWhoHangUpAreNotCountedAgainstTheService() throws Exception {
        int before = UpstreamStub.silentRequestsReceived();
        // one more hang-up than the failures that open a circuit, then a call that must still reach the service
        for (int call = 1; call <= 7; call++) {
            try (var socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.getOutputStream().write(("GET /api/v1/reports/overview HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: ApiKey " + caseworkerKey + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                int reached = before + call;
                Eventually.await(() -> UpstreamStub.silentRequestsReceived() >= reached ? reached : null,
                        "call " + call + " at the silent report-service");
            }
        }
    }

    static JwtClaims verifiedInternalToken(String token) throws Exception {
        var jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(KeyUtils.decodePublicKey(Files.readString(Path.of(System.getProperty("corridor.test.jwt.public-key"))), SignatureAlgorithm.ES256));
        assertTrue(jws.verifySignature(), "signed with the gateway's key");
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        return JwtClaims.parse(jws.getPayload());
    }
}
