package org.corridor.cases.security;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Whose key seals a field, and where the field lives; the place is bound into the ciphertext. */
public record FieldLocation(String organisation, String keyId, UUID caseId, String field) {

    byte[] associatedData() {
        return (caseId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }
}
