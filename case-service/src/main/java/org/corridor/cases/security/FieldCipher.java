package org.corridor.cases.security;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals personal fields with AES-256-GCM under the owning organisation's key. The field's place (case and field
 * name) is authenticated too, so a sealed value copied into another case or field does not open.
 */
@ApplicationScoped
public class FieldCipher {

    private static final byte FORMAT = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final OrganisationKeys keys;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(OrganisationKeys keys) {
        this.keys = keys;
    }

    public String currentKeyId() {
        return keys.currentKeyId();
    }

    public byte[] seal(FieldLocation location, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.key(location.keyId(), location.organisation()), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(location.associatedData());
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + ciphertext.length).put(FORMAT).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    public String open(FieldLocation location, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.length < 1 + IV_BYTES || sealed[0] != FORMAT) {
            throw new IllegalStateException("not a sealed field");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.key(location.keyId(), location.organisation()),
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES)));
            cipher.updateAAD(location.associatedData());
            return new String(cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed field does not open with its key", e);
        }
    }
}
