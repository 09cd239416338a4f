package org.corridor.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyStore;
import org.corridor.gateway.observability.AccessLog;
import org.corridor.infra.testing.CapturedLogs;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
@WithTestResource(CorridorTestInfrastructure.class)
class ObservabilityTest {

    @Inject
    ApiKeyStore store;

    @Inject
    ApiKeyDirectory directory;

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "health/group/upstreams", management = true)
    URL upstreams;

    @Test
    void oneAccessLinePerRequestWithItsRequestIdAndNothingSecret() {
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        given().header("Authorization", "ApiKey " + key).header("X-Request-Id", "req-obs-1").header("Cookie", "secret-cookie")
                .when().get("/api/v1/cases/some-case?alias=Kim").then().statusCode(200);
        given().header("Authorization", "ApiKey " + key).header("X-Request-Id", "req-obs-2")
                .when().get("/api/v1/countries").then().statusCode(503);

        ExtLogRecord first = awaitRecord(record -> AccessLog.CATEGORY.equals(record.getLoggerName()) && "req-obs-1".equals(record.getMdc("clientRequestId")));
        assertTrue(first.getFormattedMessage().matches("GET cases 200 \\d+us request [0-9a-f-]{36} client req-obs-1 trace [0-9a-f]{32}"), first.getFormattedMessage());
        ExtLogRecord warning = awaitRecord(record -> "req-obs-2".equals(record.getMdc("clientRequestId")) && record.getLoggerName().endsWith("ApiProxy"));
        assertTrue(warning.getFormattedMessage().contains("policy-service"), "the gateway's own lines carry the request id too");
        awaitRecord(record -> AccessLog.CATEGORY.equals(record.getLoggerName()) && "req-obs-2".equals(record.getMdc("clientRequestId")));

        assertEquals(1, logs.records().stream().filter(record -> AccessLog.CATEGORY.equals(record.getLoggerName())
                && "req-obs-1".equals(record.getMdc("clientRequestId"))).count());
        for (ExtLogRecord record : logs.records()) {
            String line = record.getFormattedMessage();
            for (String secret : List.of(key, "secret-cookie", "Kim", "some-case", "Authorization")) {
                assertTrue(line == null || !line.contains(secret), "a log line holds " + secret + ": " + line);
            }
        }
    }

    @Test
    void theServiceContinuesTheCallersTraceAsAChildOfTheGatewaysSpan() {
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callersSpan = "00f067aa0ba902b7";
        String forwarded = given().header("Authorization", "ApiKey " + key).header("X-Request-Id", "req-obs-trace")
                .header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                .when().get("/api/v1/cases/some-case").then().statusCode(200).extract().path("traceparents");

        assertTrue(forwarded.matches("00-" + traceId + "-[0-9a-f]{16}-0[01]"), "one traceparent, of the caller's trace: " + forwarded);
        assertFalse(forwarded.contains(callersSpan), "the service's parent is the gateway's span, not the caller's");
        ExtLogRecord access = awaitRecord(record -> AccessLog.CATEGORY.equals(record.getLoggerName()) && "req-obs-trace".equals(record.getMdc("clientRequestId")));
        assertTrue(access.getFormattedMessage().endsWith(" trace " + traceId), access.getFormattedMessage());
        assertEquals(traceId, access.getMdc("traceId"));

        given().header("Authorization", "ApiKey " + key).header("X-Request-Id", "req-obs-trace-2")
                .header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                .when().get("/api/v1/countries").then().statusCode(503);
        ExtLogRecord warning = awaitRecord(record -> "req-obs-trace-2".equals(record.getMdc("clientRequestId")) && record.getLoggerName().endsWith("ApiProxy"));
        assertEquals(traceId, warning.getMdc("traceId"), "the gateway's own lines carry the trace id");
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceThatTheServiceContinues() {
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        String forwarded = given().header("Authorization", "ApiKey " + key).header("X-Request-Id", "req-obs-new-trace")
                .when().get("/api/v1/cases").then().statusCode(200).extract().path("traceparents");

        assertTrue(forwarded.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), forwarded);
        String traceId = forwarded.substring(3, 35);
        assertNotEquals("0".repeat(32), traceId);
        ExtLogRecord access = awaitRecord(record -> AccessLog.CATEGORY.equals(record.getLoggerName()) && "req-obs-new-trace".equals(record.getMdc("clientRequestId")));
        assertTrue(access.getFormattedMessage().endsWith(" trace " + traceId), access.getFormattedMessage());
    }

    @Test
    void prometheusHasRequestsLatencyAndUpstreamErrorsPerRoute() {
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases").then().statusCode(200);
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/countries").then().statusCode(503);

        awaitMetrics(metrics -> metrics.contains("gateway_requests_seconds_bucket{method=\"GET\",route=\"cases\",status=\"200\"")
                && metrics.contains("gateway_requests_seconds_count{method=\"GET\",route=\"countries\",status=\"503\"")
                && metrics.contains("gateway_upstream_errors_total{kind=\"unreachable\",route=\"countries\"}"));
    }

    @Test
    void noMetricLabelCarriesAnIdentifierFromThePath() {
        String key = new TestApiKeys(store, directory).active("crossing-hope", "caseworker");
        String id = UUID.randomUUID().toString();
        String counted = "gateway_requests_seconds_count{method=\"GET\",route=\"cases\",status=\"200\"}";
        double before = countOf(scrape(), counted);
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases/" + id).then().statusCode(200);
        given().header("Authorization", "ApiKey " + key).when().get("/api/v1/cases/" + id + "/journey").then().statusCode(200);

        String all = Eventually.await(() -> {
            String scraped = scrape();
            return countOf(scraped, counted) >= before + 2 ? scraped : null;
        }, "both requests counted");
        assertFalse(all.contains(id), "a case id is a metric label");
        assertFalse(Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").matcher(all).find(),
                "an identifier is a metric label");
    }

    @Test
    void upstreamHealthIsItsOwnGroupAndNeverMakesTheGatewayUnready() {
        given().when().get(upstreams).then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].name", equalTo("upstreams"))
                .body("checks[0].data.case-service", equalTo("UP"))
                .body("checks[0].data.policy-service", equalTo("DOWN"))
                .body("checks[0].data.report-service", equalTo("DOWN"))
                .body("checks[0].data.'case-service circuit'", equalTo("closed"));
        given().when().get(readiness).then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    private ExtLogRecord awaitRecord(Predicate<ExtLogRecord> wanted) {
        return Eventually.await(() -> logs.records().stream().filter(wanted).findFirst().orElse(null), "the log line");
    }

    private void awaitMetrics(Predicate<String> complete) {
        Eventually.await(() -> {
            String scraped = scrape();
            return complete.test(scraped) ? scraped : null;
        }, "the metrics");
    }

    private String scrape() {
        return given().when().get(metrics).then().statusCode(200).extract().asString();
    }

    private static double countOf(String scraped, String series) {
        return scraped.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(0.0);
    }
}
