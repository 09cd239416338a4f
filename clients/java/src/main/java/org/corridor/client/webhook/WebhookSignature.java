package org.corridor.client.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a partner checks that a message POSTed to its webhook comes from Corridor, as the Standard Webhooks
 * specification says: {@code webhook-signature} holds {@code v1,} and the base64 HMAC-SHA256, keyed with the
 * subscription secret's bytes (the base64 after {@code whsec_}), of {@code webhook-id.webhook-timestamp.body}. The
 * timestamp must be near the receiver's clock, so that a recorded message cannot be replayed later; a message that
 * passes may still be a repeat (delivery is at least once): drop a {@code webhook-id} seen before.
 *
 * <pre>{@code
 * var signatures = new WebhookSignature(secretFromSubscribe);
 * String messageId = signatures.verify(requestHeaders, rawBody); // throws InvalidWebhook
 * }</pre>
 */
public final class WebhookSignature {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    public WebhookSignature(String secret) {
        this(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public WebhookSignature(String secret, Duration tolerance, Clock clock) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + SECRET_PREFIX);
        }
        this.key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * Checks a message: {@code headers} as received (names in any case), {@code body} exactly as received, never
     * parsed and written again. Answers the message's id; throws {@link InvalidWebhook} when the message is not
     * Corridor's or is too old or too far ahead.
     */
    public String verify(Map<String, String> headers, String body) throws InvalidWebhook {
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        named.putAll(headers);
        String id = required(named, "webhook-id");
        String timestamp = required(named, "webhook-timestamp");
        String signatures = required(named, "webhook-signature");
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException e) {
            throw new InvalidWebhook("webhook-timestamp is not a number of seconds");
        }
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance)) || sent.isAfter(now.plus(tolerance))) {
            throw new InvalidWebhook("webhook-timestamp is too far from now");
        }
        byte[] expected = hmac(id + "." + timestamp + "." + body);
        // several space-separated signatures may come while a secret is being replaced: one that matches suffices
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,") && matches(expected, signature.substring(3))) {
                return id;
            }
        }
        throw new InvalidWebhook("no webhook-signature matches");
    }

    private static boolean matches(byte[] expected, String base64) {
        try {
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static String required(Map<String, String> headers, String name) throws InvalidWebhook {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidWebhook(name + " is missing");
        }
        return value;
    }

    /** A message that must not be trusted; the reason names the header, never the message's content. */
    public static final class InvalidWebhook extends Exception {

        public InvalidWebhook(String reason) {
            super(reason);
        }
    }
}
