package org.corridor.client.webhook;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebhookSignatureTest {

    /** The reference vector of the Standard Webhooks specification. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TIMESTAMP = "1614265330";
    static final String BODY = "{\"test\": 2432232314}";
    static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static WebhookSignature at(long epochSecond) {
        return new WebhookSignature(SECRET, Duration.ofMinutes(5), Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    static Map<String, String> headers(String id, String timestamp, String signature) {
        return Map.of("Webhook-Id", id, "webhook-timestamp", timestamp, "WEBHOOK-SIGNATURE", signature);
    }

    @Test
    void theReferenceMessageVerifies() throws Exception {
        assertEquals(ID, at(1614265330).verify(headers(ID, TIMESTAMP, SIGNATURE), BODY));
        assertEquals(ID, at(1614265330 + 299).verify(headers(ID, TIMESTAMP, "v1,bm90IHRoaXMgb25l " + SIGNATURE), BODY));
    }

    @Test
    void aChangedBodyIdOrTimestampDoesNotVerify() {
        var verifier = at(1614265330);
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> verifier.verify(headers(ID, TIMESTAMP, SIGNATURE), "{\"test\": 2432232315}"));
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> verifier.verify(headers("msg_other", TIMESTAMP, SIGNATURE), BODY));
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> verifier.verify(headers(ID, "1614265331", SIGNATURE), BODY));
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> verifier.verify(headers(ID, TIMESTAMP, "v2," + SIGNATURE.substring(3)), BODY));
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> verifier.verify(headers(ID, TIMESTAMP, "v1,not base64!"), BODY));
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> verifier.verify(Map.of("webhook-id", ID, "webhook-timestamp", TIMESTAMP), BODY));
    }

    @Test
    void aMessageTooOldOrTooFarAheadIsRefused() {
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> at(1614265330 + 301).verify(headers(ID, TIMESTAMP, SIGNATURE), BODY));
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> at(1614265330 - 301).verify(headers(ID, TIMESTAMP, SIGNATURE), BODY));
        assertThrows(WebhookSignature.InvalidWebhook.class,
                () -> at(1614265330).verify(headers(ID, "yesterday", SIGNATURE), BODY));
    }

    @Test
    void anotherSecretDoesNotVerify() {
        var other = new WebhookSignature("whsec_" + "A".repeat(32), Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC));
        assertThrows(WebhookSignature.InvalidWebhook.class, () -> other.verify(headers(ID, TIMESTAMP, SIGNATURE), BODY));
    }
}
