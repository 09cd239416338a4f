package org.corridor.cases.subscription.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A subscription's signing secret in the Standard Webhooks form, {@code whsec_} and the base64 of its bytes, and the
 * signature it gives a message: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}.
 */
public final class SigningSecret {

    private static final String PREFIX = "whsec_";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private SigningSecret(byte[] key) {
        this.key = key;
    }

    public static SigningSecret generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return new SigningSecret(key);
    }

    /** The secret from its {@link #text()}. */
    public static SigningSecret of(String text) {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a signing secret");
        }
        return new SigningSecret(Base64.getDecoder().decode(text.substring(PREFIX.length())));
    }

    public String text() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} of a message sent at {@code timestamp}. */
    public String sign(String messageId, Instant timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestamp.getEpochSecond() + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
