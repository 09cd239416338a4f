package org.corridor.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every Corridor service answers without credentials, checked against the running application: probes that
 * really look at the database (and Kafka, where the service uses it), the OpenAPI contract, Prometheus metrics, the
 * probes and metrics on the management interface only, never on the port the API (and the ingress) is on.
 * A service's test extends it, annotated with {@code @QuarkusTest} and {@code @WithTestResource(CorridorTestInfrastructure.class)}.
 */
public abstract class ServiceContract {

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/live", management = true)
    URL liveness;

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    /** Whether the service publishes or consumes events, so its readiness depends on Kafka. */
    protected boolean usesKafka() {
        return true;
    }

    /** Whether the service takes callers only with the gateway's internal token (every service but the gateway). */
    protected boolean requiresInternalToken() {
        return true;
    }

    /**
     * A change to a service's API that is not committed in its contract fails here, and so does a change to the one
     * published contract the gateway merges from them.
     */
    @Test
    void servedContractMatchesTheCommittedOne() throws Exception {
        Path committed = OpenApiContract.committedFor(
                ConfigProvider.getConfig().getValue("quarkus.application.name", String.class));
        String served = given().queryParam("format", "json").when().get("/openapi").then().statusCode(200)
                .extract().asString();
        var json = new ObjectMapper();
        JsonNode servedTree = json.readTree(served);
        if (Boolean.getBoolean("corridor.openapi.update")) {
            Files.writeString(committed, json.writerWithDefaultPrettyPrinter().writeValueAsString(servedTree) + "\n");
        }
        Assertions.assertTrue(Files.exists(committed), committed + " is missing: run the tests with -Dcorridor.openapi.update=true");
        Assertions.assertEquals(json.readTree(committed.toFile()), servedTree,
                "the API differs from " + committed + ": review the change, then run the tests with -Dcorridor.openapi.update=true and commit the file");
    }

    @Test
    void unknownPathIsAProblem() {
        given().when().get("/no-such-path").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }

    @Test
    void apiWithoutAValidInternalTokenIsRefused() {
        Assumptions.assumeTrue(requiresInternalToken());
        given().when().get("/api/v1/anything").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        given().header("Authorization", "Bearer not-a-jwt").when().get("/api/v1/anything").then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", InternalTokens.bearerSignedByAStranger("some-org", "coordinator"))
                .when().get("/api/v1/anything").then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", InternalTokens.bearerLivingFor(Duration.ofHours(1), "some-org", "coordinator"))
                .when().get("/api/v1/anything").then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", InternalTokens.bearerOfOrganisations(List.of("some-org", "other-org"), "coordinator"))
                .when().get("/api/v1/anything").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aValidInternalTokenGetsPastTheGuard() {
        Assumptions.assumeTrue(requiresInternalToken());
        given().header("Authorization", InternalTokens.bearer("some-org", "coordinator"))
                .when().get("/api/v1/no-such-resource").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    /**
     * Whether a caller's X-Request-Id becomes the request's id: so in a service, which only the gateway calls; the
     * gateway, Corridor's front door, always makes its own and gives the caller's back as X-Client-Request-Id.
     */
    protected boolean adoptsTheCallersRequestId() {
        return true;
    }

    @Test
    void requestIdIsPassedOnOrCreated() {
        if (adoptsTheCallersRequestId()) {
            given().header("X-Request-Id", "req-contract-1").when().get("/no-such-path").then()
                    .header("X-Request-Id", "req-contract-1")
                    .body("requestId", equalTo("req-contract-1"));
        } else {
            given().header("X-Request-Id", "req-contract-1").when().get("/no-such-path").then()
                    .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                    .header("X-Client-Request-Id", "req-contract-1")
                    .body("requestId", matchesPattern("[0-9a-f-]{36}"));
        }
        given().header("X-Request-Id", "bad id with spaces").when().get("/no-such-path").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        var ready = given().when().get(readiness).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections")));
        if (usesKafka()) {
            ready.body("checks.name", hasItem(containsString("Kafka")));
        }
    }

    @Test
    void livenessAnswers() {
        given().when().get(liveness).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesItsOpenApiContract() {
        given().queryParam("format", "json").when().get("/openapi").then()
                .statusCode(200)
                .body("openapi", startsWith("3."));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().when().get(metrics).then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void healthAndMetricsAreNotOnTheApiPort() {
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/health/live", "/q/health/group/upstreams")) {
            given().when().get(path).then().statusCode(404).body(not(containsString("jvm_")));
        }
        Assertions.assertNotEquals(metrics.getPort(), ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class),
                "the management interface has a port of its own");
    }
}
