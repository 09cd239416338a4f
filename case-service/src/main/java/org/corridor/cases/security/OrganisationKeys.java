package org.corridor.cases.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.config.CaseConfig;
import org.corridor.platform.secrets.SecretKeyDirectory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key per organisation, derived (HKDF-SHA256) from the master key named by a key id, so that no organisation's
 * key opens another's data and rotating the master key rotates them all. Stored data names its key id.
 */
@ApplicationScoped
public class OrganisationKeys {

    private final SecretKeyDirectory masterKeys;
    private final Map<String, SecretKeySpec> derived = new ConcurrentHashMap<>();

    public OrganisationKeys(CaseConfig config) {
        masterKeys = SecretKeyDirectory.read(config.keyDirectory(), "encryption");
    }

    /** The key id new data is sealed with. */
    public String currentKeyId() {
        return masterKeys.currentId();
    }

    SecretKeySpec key(String keyId, String organisation) {
        return derived.computeIfAbsent(keyId + "\u0000" + organisation, unused -> derive(keyId, organisation));
    }

    private SecretKeySpec derive(String keyId, String organisation) {
        byte[] master = masterKeys.key(keyId).orElseThrow(() -> new IllegalStateException("unknown encryption key id " + keyId));
        try {
            // HKDF (RFC 5869) with one output block: extract with a fixed salt, expand with the organisation.
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec("corridor-case-fields".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] pseudoRandomKey = extract.doFinal(master);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            expand.update(("organisation:" + organisation).getBytes(StandardCharsets.UTF_8));
            expand.update((byte) 1);
            return new SecretKeySpec(expand.doFinal(), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive an organisation key", e);
        }
    }
}
