package org.corridor.cases.security;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaseCipherTest {

    private final SecretKey organisationKey = CaseCipher.newDataKey();
    private final UUID caseId = UUID.randomUUID();

    @Test
    void aWrappedKeyOpensOnlyForItsCaseUnderItsOrganisationKey() {
        SecretKey dataKey = CaseCipher.newDataKey();
        byte[] wrapped = CaseCipher.wrap(organisationKey, caseId, dataKey);
        assertArrayEquals(dataKey.getEncoded(), CaseCipher.unwrap(organisationKey, caseId, wrapped).getEncoded());
        assertThrows(IllegalStateException.class, () -> CaseCipher.unwrap(organisationKey, UUID.randomUUID(), wrapped));
        assertThrows(IllegalStateException.class, () -> CaseCipher.unwrap(CaseCipher.newDataKey(), caseId, wrapped));
    }

    @Test
    void aSealedFieldOpensOnlyAtItsPlaceWithItsCaseKey() {
        SecretKey dataKey = CaseCipher.newDataKey();
        byte[] sealed = CaseCipher.seal(dataKey, caseId, "notes", "Afraid of the broker.");
        assertEquals("Afraid of the broker.", CaseCipher.open(dataKey, caseId, "notes", sealed));
        assertThrows(IllegalStateException.class, () -> CaseCipher.open(dataKey, caseId, "closed-reason", sealed));
        assertThrows(IllegalStateException.class, () -> CaseCipher.open(dataKey, UUID.randomUUID(), "notes", sealed));
        assertThrows(IllegalStateException.class, () -> CaseCipher.open(CaseCipher.newDataKey(), caseId, "notes", sealed));
    }
}
