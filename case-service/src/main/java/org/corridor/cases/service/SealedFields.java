package org.corridor.cases.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.cases.security.PersonalData;

import java.util.UUID;

/**
 * Seals a case's personal fields under its owner's key, each bound to its place in the case, and opens them again.
 * Places: {@code notes}, {@code closed-reason}, {@code member/<id>/alias}, {@code member/<id>/personal} (the member's
 * personal data as JSON) and {@code journey/<id>/place}.
 */
@ApplicationScoped
public class SealedFields {

    private static final PersonalData NONE = new PersonalData(null, null, null, null, null);

    private final FieldCipher cipher;
    private final ObjectMapper objectMapper;

    public SealedFields(FieldCipher cipher, ObjectMapper objectMapper) {
        this.cipher = cipher;
        this.objectMapper = objectMapper;
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }

    public byte[] sealNotes(CaseFile file, String notes) {
        return cipher.seal(at(file, "notes"), notes);
    }

    public String notes(CaseFile file) {
        return cipher.open(at(file, "notes"), file.notes());
    }

    public byte[] sealClosedReason(CaseFile file, String reason) {
        return cipher.seal(at(file, "closed-reason"), reason);
    }

    public String closedReason(CaseFile file) {
        return cipher.open(at(file, "closed-reason"), file.closedReason());
    }

    public byte[] sealAlias(CaseFile file, UUID memberId, String alias) {
        return cipher.seal(at(file, "member/" + memberId + "/alias"), alias);
    }

    public String alias(CaseFile file, UUID memberId, byte[] sealed) {
        return cipher.open(at(file, "member/" + memberId + "/alias"), sealed);
    }

    /** Sealed personal data, or null when there is none. */
    public byte[] sealPersonalData(CaseFile file, UUID memberId, PersonalData personal) {
        return personal.isEmpty() ? null : cipher.seal(at(file, "member/" + memberId + "/personal"), json(personal));
    }

    public PersonalData personalData(CaseFile file, UUID memberId, byte[] sealed) {
        String opened = cipher.open(at(file, "member/" + memberId + "/personal"), sealed);
        if (opened == null) {
            return NONE;
        }
        try {
            return objectMapper.readValue(opened, PersonalData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed personal data is not readable", e);
        }
    }

    public byte[] sealPlace(CaseFile file, UUID entryId, String place) {
        return cipher.seal(at(file, journeyPlace(entryId)), place);
    }

    public String place(CaseFile file, UUID entryId, byte[] sealed) {
        return cipher.open(at(file, journeyPlace(entryId)), sealed);
    }

    private static String journeyPlace(UUID entryId) {
        return "journey/" + entryId + "/place";
    }

    private static FieldLocation at(CaseFile file, String field) {
        return new FieldLocation(file.organisation(), file.keyId(), file.id(), field);
    }

    private String json(PersonalData personal) {
        try {
            return objectMapper.writeValueAsString(personal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
