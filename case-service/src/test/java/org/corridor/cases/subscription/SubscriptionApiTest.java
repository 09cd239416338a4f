package org.corridor.cases.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.support.TestPolicies;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class SubscriptionApiTest {

    static final String A = "webhook-aid";
    static final String B = "webhook-other";
    static final String COORDINATOR = bearerFor("co-wa", A, "coordinator");
    static final String CASEWORKER = bearerFor("cw-wa", A, "caseworker");
    static final String OTHER_COORDINATOR = bearerFor("co-wb", B, "coordinator");
    static final String LEGAL_NAME = "Ri Sun-hui-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    static String subscribe(String token, String url) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body("{\"url\": \"%s\", \"events\": [\"alert.raised\"]}".formatted(url))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().asString();
    }

    static String openCase(String country) {
        return given().header("Authorization", CASEWORKER).contentType(ContentType.JSON).body("""
                        {"members": [{"alias": "Heron", "sex": "female", "ageBand": "18-59", "legalName": "%s",
                          "placeOfOrigin": "Hyesan"}],
                         "currentCountry": "%s", "plannedRoute": ["%s"]}""".formatted(LEGAL_NAME, country, country))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    /** The signature as the Standard Webhooks specification defines it, computed here independently of the service. */
    static String expectedSignature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static long count(DataSource dataSource, String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aRaisedAlertReachesTheReceiverSignedAndWithoutPersonalData() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            JsonNode created = JSON.readTree(subscribe(COORDINATOR, receiver.url()));
            String id = created.get("id").asText();
            String secret = created.get("secret").asText();
            assertTrue(secret.startsWith("whsec_"));
            assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24);

            String caseId = openCase("MM");
            TestPolicies.publishAndAwait(dataSource, "MM", "2015-01-01", "low", "none");
            TestPolicies.publishAndAwait(dataSource, "MM", "2025-01-01", "critical", "routine");
            await("the alert at the receiver", () -> !receiver.delivered().isEmpty());

            var message = receiver.delivered().getFirst();
            assertEquals(expectedSignature(secret, message.headers().get("webhook-id"),
                    message.headers().get("webhook-timestamp"), message.body()), message.headers().get("webhook-signature"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(message.headers().get("webhook-timestamp"))) < 300);
            assertTrue(message.headers().get("content-type").startsWith("application/json"));
            JsonNode body = JSON.readTree(message.body());
            assertEquals("alert.raised", body.get("type").asText());
            assertEquals(caseId, body.get("data").get("caseId").asText());
            assertEquals("MM", body.get("data").get("country").asText());
            assertEquals("low", body.get("data").get("previousRisk").asText());
            assertEquals("critical", body.get("data").get("newRisk").asText());
            assertFalse(message.body().contains(LEGAL_NAME) || message.body().contains("Hyesan") || message.body().contains("Heron"));

            String alertId = body.get("data").get("alertId").asText();
            // the receiver has the message before the worker's transaction that records its answer commits
            await("the delivery recorded", () -> !"pending".equals(given().header("Authorization", COORDINATOR)
                    .get("/api/v1/subscriptions/" + id + "/deliveries").then().extract().path("items[0].status")));
            given().header("Authorization", COORDINATOR).get("/api/v1/subscriptions/" + id + "/deliveries").then()
                    .statusCode(200)
                    .body("items[0].id", equalTo(message.headers().get("webhook-id")))
                    .body("items[0].alertId", equalTo(alertId))
                    .body("items[0].caseId", equalTo(caseId))
                    .body("items[0].status", equalTo("delivered"))
                    .body("items[0].attempts", equalTo(1))
                    .body("items[0].lastStatusCode", equalTo(204))
                    .body("items[0].nextAttemptAt", nullValue());
            given().header("Authorization", COORDINATOR).get("/api/v1/subscriptions/" + id).then()
                    .statusCode(200).body("status", equalTo("active")).body("url", equalTo(receiver.url()))
                    .body("$", not(org.hamcrest.Matchers.hasKey("secret")));
            given().header("Authorization", COORDINATOR).get("/api/v1/subscriptions").then()
                    .statusCode(200).body("items.id", hasItem(id)).body("items.secret", not(hasItem(secret)));
            assertEquals(0, count(dataSource, "SELECT count(*) FROM webhook_subscription WHERE encode(secret, 'escape') LIKE '%"
                    + secret.substring(6, 20) + "%'"), "the secret is stored sealed");
            given().header("Authorization", COORDINATOR).delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        }
    }

    @Test
    void aReceiverThatWasDownGetsEveryAlertAfterwardsInOrder() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            receiver.answer(500);
            String id = JSON.readTree(subscribe(COORDINATOR, receiver.url())).get("id").asText();
            String caseId = openCase("LA");
            TestPolicies.publishAndAwait(dataSource, "LA", "2015-01-01", "low", "none");
            TestPolicies.publishAndAwait(dataSource, "LA", "2020-01-01", "medium", "occasional");
            TestPolicies.publishAndAwait(dataSource, "LA", "2025-01-01", "critical", "routine");

            await("three failed attempts", () -> receiver.received().size() >= 3);
            var attempted = receiver.received().stream().map(request -> request.headers().get("webhook-id")).distinct().toList();
            assertEquals(1, attempted.size(), "nothing after the first alert is sent while it is still pending");
            given().header("Authorization", COORDINATOR).get("/api/v1/subscriptions/" + id + "/deliveries").then()
                    .statusCode(200)
                    .body("items.size()", equalTo(2))
                    .body("items[1].id", equalTo(attempted.getFirst()))
                    .body("items[1].status", equalTo("pending"))
                    .body("items[1].lastStatusCode", equalTo(500))
                    .body("items[1].nextAttemptAt", startsWith("20"))
                    .body("items[0].status", equalTo("pending"))
                    .body("items[0].attempts", equalTo(0));

            receiver.answer(200);
            await("both alerts delivered", () -> receiver.delivered().size() >= 2);
            List<JsonNode> delivered = receiver.delivered().stream().map(request -> {
                try {
                    return JSON.readTree(request.body());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertEquals(List.of("medium", "critical"), delivered.stream().map(m -> m.get("data").get("newRisk").asText()).toList());
            assertTrue(delivered.stream().allMatch(m -> m.get("data").get("caseId").asText().equals(caseId)));
            assertEquals(attempted.getFirst(), receiver.delivered().getFirst().headers().get("webhook-id"),
                    "a retry carries the same webhook-id");
            given().header("Authorization", COORDINATOR).get("/api/v1/subscriptions/" + id + "/deliveries").then()
                    .statusCode(200).body("items.status", equalTo(List.of("delivered", "delivered")));
            given().header("Authorization", COORDINATOR).delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        }
    }

    @Test
    void theCasesOfAFanOutTravelTogetherAndEachCasesAlertsArriveInOrder() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            receiver.answer(500);
            String id = JSON.readTree(subscribe(COORDINATOR, receiver.url())).get("id").asText();
            List<String> cases = List.of(openCase("KH"), openCase("KH"), openCase("KH"));
            TestPolicies.publishAndAwait(dataSource, "KH", "2015-01-01", "low", "none");
            TestPolicies.publishAndAwait(dataSource, "KH", "2020-01-01", "medium", "occasional");
            TestPolicies.publishAndAwait(dataSource, "KH", "2025-01-01", "critical", "routine");

            await("a failed attempt for every case", () -> receiver.received().stream()
                    .map(request -> caseOf(request.body())).distinct().count() == cases.size());
            receiver.answer(200);
            await("every alert delivered", () -> receiver.delivered().size() >= 2 * cases.size());

            assertTrue(receiver.received().stream().filter(request -> request.answered() == 500)
                            .allMatch(request -> newRisk(request.body()).equals("medium")),
                    "no case's second alert is sent while its first is still pending");
            for (String caseId : cases) {
                assertEquals(List.of("medium", "critical"), receiver.delivered().stream()
                        .filter(request -> caseOf(request.body()).equals(caseId))
                        .map(request -> newRisk(request.body())).toList(), "a case's alerts arrive once each, in order");
            }
            given().header("Authorization", COORDINATOR).delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        }
    }

    private static String caseOf(String message) {
        return data(message).get("caseId").asText();
    }

    private static String newRisk(String message) {
        return data(message).get("newRisk").asText();
    }

    private static JsonNode data(String message) {
        try {
            return JSON.readTree(message).get("data");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anotherOrganisationsSubscriptionDoesNotExistForTheCaller() {
        String id = given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                .body("{\"url\": \"http://127.0.0.1:9/unused\", \"events\": [\"alert.raised\"]}")
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/subscriptions/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/subscriptions/" + id + "/deliveries").then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", OTHER_COORDINATOR).delete("/api/v1/subscriptions/" + id).then()
                .statusCode(404).contentType("application/problem+json");
        given().header("Authorization", OTHER_COORDINATOR).get("/api/v1/subscriptions").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
        given().header("Authorization", CASEWORKER).get("/api/v1/subscriptions/" + id).then().statusCode(403);

        given().header("Authorization", COORDINATOR).delete("/api/v1/subscriptions/" + id).then().statusCode(204);
        given().header("Authorization", COORDINATOR).get("/api/v1/subscriptions/" + id).then()
                .statusCode(200).body("status", equalTo("ended")).body("endedAt", startsWith("20"));
    }

    @Test
    void aBadBodyIsAProblemAndStoresNothing() throws Exception {
        long before = count(dataSource, "SELECT count(*) FROM webhook_subscription");
        for (String body : List.of(
                "{\"events\": [\"alert.raised\"]}",
                "{\"url\": \"not a url\", \"events\": [\"alert.raised\"]}",
                "{\"url\": \"ftp://127.0.0.1/hook\", \"events\": [\"alert.raised\"]}",
                "{\"url\": \"/relative/hook\", \"events\": [\"alert.raised\"]}",
                "{\"url\": \"http://user:pass@127.0.0.1/hook\", \"events\": [\"alert.raised\"]}",
                "{\"url\": \"http://no-such-host.invalid/hook\", \"events\": [\"alert.raised\"]}",
                "{\"url\": \"http://127.0.0.1/hook\"}",
                "{\"url\": \"http://127.0.0.1/hook\", \"events\": []}",
                "{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"case.opened\"]}",
                "{\"url\": 5, \"events\": [\"alert.raised\"]}",
                "[]")) {
            given().header("Authorization", COORDINATOR).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/subscriptions").then()
                    .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                .body("{\"url\": \"http://127.0.0.1/hook\", \"events\": [\"case.opened\"]}")
                .post("/api/v1/subscriptions").then()
                .statusCode(400).body("errors[0].field", equalTo("events[0]"));
        assertEquals(before, count(dataSource, "SELECT count(*) FROM webhook_subscription"));
    }
}
