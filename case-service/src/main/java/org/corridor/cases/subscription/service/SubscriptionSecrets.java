package org.corridor.cases.subscription.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.cases.subscription.domain.SigningSecret;
import org.corridor.cases.subscription.domain.Subscription;

import java.util.UUID;

/**
 * Keeps signing secrets sealed with the organisation's key, as personal fields are, bound to their subscription: the
 * subscription's id takes the case's place in the sealed field's location.
 */
@ApplicationScoped
public class SubscriptionSecrets {

    private static final String FIELD = "webhook-secret";

    private final FieldCipher cipher;

    public SubscriptionSecrets(FieldCipher cipher) {
        this.cipher = cipher;
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }

    public byte[] seal(String organisation, UUID subscriptionId, String keyId, SigningSecret secret) {
        return cipher.seal(new FieldLocation(organisation, keyId, subscriptionId, FIELD), secret.text());
    }

    public SigningSecret open(Subscription subscription) {
        return SigningSecret.of(cipher.open(
                new FieldLocation(subscription.organisation(), subscription.secretKeyId(), subscription.id(), FIELD),
                subscription.sealedSecret()));
    }
}
