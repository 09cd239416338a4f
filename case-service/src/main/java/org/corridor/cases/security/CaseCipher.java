package org.corridor.cases.security;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Envelope encryption of a case: its personal fields sealed with the case's own data key, and that key wrapped by a
 * version of its organisation's key. Each is bound to its place (the case and the field, or the case for its key), so
 * a sealed value or a wrapped key copied into another case does not open.
 */
public final class CaseCipher {

    private CaseCipher() {
    }

    public static SecretKey newDataKey() {
        return new SecretKeySpec(AesGcm.randomKey(), "AES");
    }

    public static byte[] wrap(SecretKey organisationKey, UUID caseId, SecretKey dataKey) {
        return AesGcm.seal(organisationKey, keyPlace(caseId), dataKey.getEncoded());
    }

    public static SecretKey unwrap(SecretKey organisationKey, UUID caseId, byte[] wrapped) {
        return new SecretKeySpec(AesGcm.open(organisationKey, keyPlace(caseId), wrapped), "AES");
    }

    public static byte[] seal(SecretKey dataKey, UUID caseId, String field, String plaintext) {
        return plaintext == null ? null : AesGcm.seal(dataKey, new FieldLocation(null, null, caseId, field).associatedData(),
                plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public static String open(SecretKey dataKey, UUID caseId, String field, byte[] sealed) {
        return sealed == null ? null : new String(AesGcm.open(dataKey,
                new FieldLocation(null, null, caseId, field).associatedData(), sealed), StandardCharsets.UTF_8);
    }

    private static byte[] keyPlace(UUID caseId) {
        return ("case-key/" + caseId).getBytes(StandardCharsets.UTF_8);
    }
}
