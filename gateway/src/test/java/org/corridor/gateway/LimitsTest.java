package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyStore;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each test uses keys of its own: a bucket of 5 requests per key, refilled one an hour (see {@link TightLimitsProfile}). */
@QuarkusTest
@TestProfile(TightLimitsProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class LimitsTest {

    private static final int ONE_MIB = 1024 * 1024;

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyDirectory directory;

    @TestHTTPResource("/api/v1/cases")
    URI cases;

    TestApiKeys keys;

    @BeforeEach
    void keys() {
        keys = new TestApiKeys(store, directory);
    }

    @Test
    void aFloodGets429OnceTheBurstIsSpent() {
        String key = keys.active("crossing-hope", "caseworker");
        for (int remaining = 4; remaining >= 0; remaining--) {
            given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then()
                    .statusCode(200)
                    .header("RateLimit-Policy", "\"per-caller\";q=5;w=18000")
                    .header("RateLimit", matchesPattern("\"per-caller\";r=" + remaining + ";t=\\d+"));
        }
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("3[0-9]{3}"))
                .header("RateLimit", matchesPattern("\"per-caller\";r=0;t=\\d+"))
                .body("status", equalTo(429));

        String other = keys.active("crossing-hope", "caseworker");
        given().header("Authorization", "ApiKey " + other).when().get("/api/v1/cases").then()
                .statusCode(200);
    }

    @Test
    void aBodyOverOneMebibyteIs413AndNeverReachesTheService() {
        String key = keys.active("crossing-hope", "caseworker");
        given().header("Authorization", "ApiKey " + key).contentType("application/json").body(new byte[ONE_MIB])
                .when().post("/api/v1/cases").then()
                .statusCode(200)
                .body("bodyLength", equalTo(ONE_MIB));
        given().header("Authorization", "ApiKey " + key).contentType("application/json").body(new byte[ONE_MIB + 1])
                .when().post("/api/v1/cases").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        String key = keys.active("crossing-hope", "caseworker");
        // a body of unknown length is sent chunked, so the limit can only be found while reading it
        var request = HttpRequest.newBuilder(cases)
                .header("Authorization", "ApiKey " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[2 * ONE_MIB])))
                .build();
        try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void anImportStreamsItsBodyPastTheBodyLimitUpToItsOwn() throws Exception {
        String key = keys.active("crossing-hope", "caseworker");
        // chunked, of unknown length, and over what the gateway (1 MiB) and Quarkus (10 MiB) read into memory
        var request = HttpRequest.newBuilder(cases.resolve("/api/v1/cases/imports"))
                .header("Authorization", "ApiKey " + key).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[12 * ONE_MIB])))
                .build();
        try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"bodyLength\": " + 12 * ONE_MIB), "the whole body reached the service");
        }
        given().header("Authorization", "ApiKey " + key).contentType("application/x-ndjson").body(new byte[16 * ONE_MIB + 1])
                .when().post("/api/v1/cases/imports").then()
                .statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void aServiceThatDoesNotAnswerGives504ThenItsCircuitOpensAndAnswers503AtOnce() {
        String key = keys.active("open-road", "analyst");
        for (int failure = 0; failure < 2; failure++) {
            given().header("Authorization", "ApiKey " + key).when().get("/api/v1/reports/overview").then()
                    .statusCode(504)
                    .contentType("application/problem+json")
                    .body("status", equalTo(504));
        }
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/reports/overview").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "3600")
                .body("detail", matchesPattern(".*holds calls.*"));
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then()
                .statusCode(200);
    }
}
