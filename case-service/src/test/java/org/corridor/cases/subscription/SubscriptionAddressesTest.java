package org.corridor.cases.subscription;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.corridor.cases.subscription.domain.SigningSecret;
import org.corridor.cases.subscription.service.SubscriptionSecrets;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearerFor;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside the local runtime: a webhook cannot reach the service's own host or network, when subscribed or later. */
@QuarkusTest
@TestProfile(SubscriptionAddressesTest.OutsideTheLocalRuntime.class)
@WithTestResource(CorridorTestInfrastructure.class)
class SubscriptionAddressesTest {

    public static class OutsideTheLocalRuntime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("corridor.subscriptions.allow-private-addresses", "false");
        }
    }

    static final String ORGANISATION = "webhook-guarded";
    static final String COORDINATOR = bearerFor("co-wg", ORGANISATION, "coordinator");

    @Inject
    DataSource dataSource;

    @Inject
    SubscriptionSecrets secrets;

    @Test
    void anInnerOrPlainHttpUrlIsRefusedAndNothingIsStored() throws Exception {
        for (String url : List.of("http://127.0.0.1/hook", "http://10.0.0.1/hook", "http://[::1]/hook",
                "https://127.0.0.1/hook", "https://10.0.0.1/hook", "https://[::1]/hook", "https://localhost/hook",
                "https://169.254.169.254/latest/meta-data")) {
            given().header("Authorization", COORDINATOR).contentType(ContentType.JSON)
                    .body("{\"url\": \"%s\", \"events\": [\"alert.raised\"]}".formatted(url))
                    .post("/api/v1/subscriptions").then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("url"));
        }
        assertEquals(0, SubscriptionApiTest.count(dataSource, "SELECT count(*) FROM webhook_subscription"));
    }

    /** A name that pointed outside when it was subscribed and points inside now (DNS rebinding) reaches nothing. */
    @Test
    void aDeliveryToAnAddressThatTurnedInnerIsNotSent() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            UUID id = UUID.randomUUID();
            String keyId = secrets.currentKeyId();
            try (var connection = dataSource.getConnection()) {
                var subscription = connection.prepareStatement("""
                        INSERT INTO webhook_subscription (id, organisation, url, events, secret_key_id, secret, created_at)
                        VALUES (?, ?, ?, '{alert.raised}', ?, ?, now())""");
                subscription.setObject(1, id);
                subscription.setString(2, ORGANISATION);
                subscription.setString(3, receiver.url());
                subscription.setString(4, keyId);
                subscription.setBytes(5, secrets.seal(ORGANISATION, id, keyId, SigningSecret.generate()));
                subscription.executeUpdate();
                var delivery = connection.prepareStatement("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_type, alert_id, case_id, body, status,
                                                      created_at, next_attempt_at)
                        VALUES (gen_random_uuid(), ?, 'alert.raised', gen_random_uuid(), gen_random_uuid(), '{}', 'PENDING', now(), now())""");
                delivery.setObject(1, id);
                delivery.executeUpdate();
            }
            SubscriptionApiTest.await("an attempt", () -> {
                try {
                    return SubscriptionApiTest.count(dataSource, "SELECT count(*) FROM webhook_delivery WHERE subscription_id = '" + id + "' AND attempts > 0") > 0;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            given().header("Authorization", COORDINATOR).get("/api/v1/subscriptions/" + id + "/deliveries").then()
                    .statusCode(200)
                    .body("items[0].status", equalTo("pending"))
                    .body("items[0].lastError", equalTo("refused-address"))
                    .body("items[0].lastStatusCode", equalTo(null));
            assertTrue(receiver.received().isEmpty());
        }
    }
}
