package org.corridor.cases.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/**
 * Seals with AES-256-GCM under an organisation's key derived from a master key: cases sealed before each had a key of
 * their own, until they move to one, and webhook signing secrets. The field's place (case and field
 * name) is authenticated too, so a sealed value copied into another case or field does not open.
 */
@ApplicationScoped
public class FieldCipher {

    private final OrganisationKeys keys;

    public FieldCipher(OrganisationKeys keys) {
        this.keys = keys;
    }

    public String currentKeyId() {
        return keys.currentKeyId();
    }

    public byte[] seal(FieldLocation location, String plaintext) {
        return plaintext == null ? null : AesGcm.seal(keys.key(location.keyId(), location.organisation()),
                location.associatedData(), plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String open(FieldLocation location, byte[] sealed) {
        return sealed == null ? null : new String(AesGcm.open(keys.key(location.keyId(), location.organisation()),
                location.associatedData(), sealed), StandardCharsets.UTF_8);
    }
}
