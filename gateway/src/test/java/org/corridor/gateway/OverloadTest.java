package org.corridor.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyStore;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Past a service's concurrency limit the gateway refuses at once instead of queueing, and that is never held against
 * the service; a service that is gone opens its circuit, which closes again soon after it answers. See
 * {@link OverloadProfile} for the limits.
 */
@QuarkusTest
@TestProfile(OverloadProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class OverloadTest {

    private static final int CALLERS = 40;
    private static final int LIMIT = 4;
    private static final int QUEUE = 2;

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyDirectory directory;

    @ConfigProperty(name = "corridor.gateway.upstreams.case-service")
    URI caseService;

    @ConfigProperty(name = "corridor.gateway.upstreams.policy-service")
    URI policyService;

    @TestHTTPResource("/api/v1/cases")
    URI cases;

    @TestHTTPResource(value = "health/group/upstreams", management = true)
    URI upstreams;

    String key;

    @BeforeEach
    void key() {
        key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
    }

    @Test
    void pastTheLimitCallsAreRefusedAtOnceWithRetryAfterWhileTheAdmittedOnesAreAnswered() throws Exception {
        try (var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            var request = HttpRequest.newBuilder(cases).header("Authorization", "ApiKey " + key).GET().build();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            try {
                // the stub answers no one yet: whatever has been answered was answered by the gateway without waiting for it
                Eventually.await(() -> heldByTheService() == LIMIT
                        && calls.stream().filter(CompletableFuture::isDone).count() == CALLERS - LIMIT - QUEUE ? true : null,
                        "the limit's calls held by the service and every other call beyond the queue answered");
                for (var call : calls.stream().filter(CompletableFuture::isDone).toList()) {
                    HttpResponse<String> refused = call.join();
                    assertEquals(503, refused.statusCode());
                    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
                    assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
                    assertTrue(refused.body().contains("/overloaded\""), refused.body());
                }
                circuitOf("case-service", "closed");
            } catch (AssertionError e) {
                throw new AssertionError("held by the service: " + heldByTheService() + ", answered: "
                        + calls.stream().filter(CompletableFuture::isDone).map(call -> call.isCompletedExceptionally()
                        ? "failed" : Integer.toString(call.join().statusCode())).toList(), e);
            } finally {
                open();
            }
            for (var call : calls.stream().filter(call -> !call.isDone()).toList()) {
                HttpResponse<String> admitted = call.get(20, TimeUnit.SECONDS);
                assertEquals(200, admitted.statusCode());
                assertTrue(admitted.body().contains("items"), admitted.body());
            }
        }
        // 34 refusals, with a breaker that opens after 2 failures: none of them was held against the service
        circuitOf("case-service", "closed");
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then().statusCode(200);
    }

    @Test
    void aDeadServiceOpensItsCircuitWhichClosesSoonAfterTheServiceAnswersAgain() throws Exception {
        Eventually.await(() -> {
            Response refused = given().header("Authorization", "ApiKey " + key).when().get("/api/v1/countries");
            refused.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1");
            return refused.jsonPath().getString("detail").contains("holds calls") ? refused : null;
        }, "the circuit opening on a service nothing listens for");

        HttpServer revived = HttpServer.create(new InetSocketAddress("127.0.0.1", policyService.getPort()), 0);
        revived.createContext("/", exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        revived.start();
        try {
            // the circuit lets a call through a second after it opened; the first one answered closes it
            Eventually.await(() -> given().header("Authorization", "ApiKey " + key).when().get("/api/v1/countries")
                    .statusCode() == 200 ? true : null, "traffic through to the revived service");
            circuitOf("policy-service", "closed");
            given().header("Authorization", "ApiKey " + key).when().get("/api/v1/countries").then()
                    .statusCode(200)
                    .body("$", equalTo(List.of()));
        } finally {
            revived.stop(0);
        }
    }

    private int heldByTheService() {
        return given().baseUri(caseService.toString()).when().get("/stub/held").then().extract().asString().transform(Integer::parseInt);
    }

    private void open() {
        given().baseUri(caseService.toString()).when().post("/stub/open").then().statusCode(200);
    }

    private void circuitOf(String service, String state) {
        given().when().get(upstreams).then()
                .body("checks[0].data.'" + service + "'", equalTo("UP"))
                .body("checks[0].data.'" + service + " circuit'", equalTo(state))
                .body("checks[0].data.'" + service + " concurrency limit'", equalTo(LIMIT));
    }
}
