package org.corridor.cases.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.cases.domain.JourneyEntry;
import org.corridor.cases.security.CaseCipher;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.cases.security.PersonalData;

import javax.crypto.SecretKey;
import java.util.List;
import java.util.UUID;

/**
 * The one place a case's personal fields are sealed and opened: under the case's own data key (given when the case is
 * opened, {@link #giveKey}), each bound to its place in the case. Places: {@code notes}, {@code closed-reason},
 * {@code member/<id>/alias}, {@code member/<id>/personal} (the member's personal data as JSON) and
 * {@code journey/<id>/place}. A case sealed before cases had keys of their own is opened under its organisation's
 * derived key until it {@link #moveToOwnKey moves to one}.
 */
@ApplicationScoped
public class SealedFields {

    private static final PersonalData NONE = new PersonalData(null, null, null, null, null);

    private final CaseKeys keys;
    private final FieldCipher derivedKeyCipher;
    private final ObjectMapper objectMapper;

    public SealedFields(CaseKeys keys, FieldCipher derivedKeyCipher, ObjectMapper objectMapper) {
        this.keys = keys;
        this.derivedKeyCipher = derivedKeyCipher;
        this.objectMapper = objectMapper;
    }

    /** Gives a case being opened its data key; every field is sealed after this. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void giveKey(CaseFile file) {
        keys.issue(file);
    }

    /**
     * Moves a case sealed under its organisation's derived key to a data key of its own: every field, its journey's
     * places too, opened and sealed again, and the key written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveToOwnKey(CaseFile file, List<JourneyEntry> journey) {
        List<String> aliases = file.members().stream()
                .map(member -> open(file, alias(member.id()), member.alias())).toList();
        List<String> personal = file.members().stream()
                .map(member -> open(file, personal(member.id()), member.personalData())).toList();
        String notes = notes(file);
        String closedReason = closedReason(file);
        List<String> places = journey.stream().map(entry -> open(file, journeyPlace(entry.id()), entry.place())).toList();

        SecretKey key = keys.issue(file);
        keys.write(file);
        for (int i = 0; i < file.members().size(); i++) {
            CaseMember member = file.members().get(i);
            member.seal(CaseCipher.seal(key, file.id(), alias(member.id()), aliases.get(i)),
                    CaseCipher.seal(key, file.id(), personal(member.id()), personal.get(i)));
        }
        file.moveToOwnKey(CaseCipher.seal(key, file.id(), "notes", notes),
                CaseCipher.seal(key, file.id(), "closed-reason", closedReason));
        for (int i = 0; i < journey.size(); i++) {
            journey.get(i).sealPlace(CaseCipher.seal(key, file.id(), journeyPlace(journey.get(i).id()), places.get(i)));
        }
    }

    /** Hands the case's data key to the organisation taking the case over; no field is sealed again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void handOver(CaseFile file, List<JourneyEntry> journey, String receiver) {
        if (!file.hasOwnKey()) {
            moveToOwnKey(file, journey);
        }
        keys.rewrapFor(file, receiver);
    }

    public byte[] sealNotes(CaseFile file, String notes) {
        return seal(file, "notes", notes);
    }

    public String notes(CaseFile file) {
        return open(file, "notes", file.notes());
    }

    public byte[] sealClosedReason(CaseFile file, String reason) {
        return seal(file, "closed-reason", reason);
    }

    public String closedReason(CaseFile file) {
        return open(file, "closed-reason", file.closedReason());
    }

    public byte[] sealAlias(CaseFile file, UUID memberId, String alias) {
        return seal(file, alias(memberId), alias);
    }

    public String alias(CaseFile file, UUID memberId, byte[] sealed) {
        return open(file, alias(memberId), sealed);
    }

    /** Sealed personal data, or null when there is none. */
    public byte[] sealPersonalData(CaseFile file, UUID memberId, PersonalData personal) {
        return personal.isEmpty() ? null : seal(file, personal(memberId), json(personal));
    }

    public PersonalData personalData(CaseFile file, UUID memberId, byte[] sealed) {
        String opened = open(file, personal(memberId), sealed);
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
        return seal(file, journeyPlace(entryId), place);
    }

    public String place(CaseFile file, UUID entryId, byte[] sealed) {
        return open(file, journeyPlace(entryId), sealed);
    }

    private byte[] seal(CaseFile file, String field, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        return file.hasOwnKey() ? CaseCipher.seal(keys.of(file), file.id(), field, plaintext)
                : derivedKeyCipher.seal(derivedKeyLocation(file, field), plaintext);
    }

    private String open(CaseFile file, String field, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        return file.hasOwnKey() ? CaseCipher.open(keys.of(file), file.id(), field, sealed)
                : derivedKeyCipher.open(derivedKeyLocation(file, field), sealed);
    }

    private static String alias(UUID memberId) {
        return "member/" + memberId + "/alias";
    }

    private static String personal(UUID memberId) {
        return "member/" + memberId + "/personal";
    }

    private static String journeyPlace(UUID entryId) {
        return "journey/" + entryId + "/place";
    }

    private static FieldLocation derivedKeyLocation(CaseFile file, String field) {
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
