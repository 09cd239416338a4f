package org.corridor.cases.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.cases.domain.JourneyEntry;
import org.corridor.cases.rest.CaseView;
import org.corridor.cases.rest.JourneyView;
import org.corridor.cases.rest.MemberInput;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.cases.security.PersonalData;

import java.util.EnumSet;
import java.util.UUID;

/**
 * Seals what callers write and opens what they may read. Only a protection officer's view carries personal data;
 * everyone else's has it withheld.
 */
@ApplicationScoped
public class CaseViews {

    private final FieldCipher cipher;
    private final ObjectMapper objectMapper;

    public CaseViews(FieldCipher cipher, ObjectMapper objectMapper) {
        this.cipher = cipher;
        this.objectMapper = objectMapper;
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }

    public CaseView view(CaseFile file, boolean withPersonalData) {
        var members = file.members.stream().map(member -> {
            PersonalData personal = withPersonalData ? personalData(file, member) : null;
            return new CaseView.Member(member.id, cipher.open(at(file, "member/" + member.id + "/alias"), member.alias),
                    member.sex, member.ageBand, member.vulnerabilityList().isEmpty()
                            ? java.util.Set.of() : EnumSet.copyOf(member.vulnerabilityList()),
                    personal == null ? null : personal.legalName(),
                    personal == null ? null : personal.dateOfBirth(),
                    personal == null ? null : personal.placeOfOrigin(),
                    personal == null ? null : personal.relatives(),
                    personal == null ? null : personal.contact());
        }).toList();
        var risk = file.riskLevel == null ? null : new CaseView.Risk(file.riskLevel, file.riskReasons, file.riskAssessedAt);
        return new CaseView(file.id, file.organisation, file.status, file.currentCountry, file.plannedRoute, file.needs,
                withPersonalData ? cipher.open(at(file, "notes"), file.notes) : null, risk, members, !withPersonalData,
                file.revision, file.openedOn, file.createdAt, file.updatedAt);
    }

    public JourneyView view(CaseFile file, JourneyEntry entry, boolean withPersonalData) {
        return new JourneyView(entry.id, entry.sequence, entry.kind, entry.country,
                withPersonalData ? cipher.open(at(file, "journey/" + entry.id + "/place"), entry.place) : null,
                entry.date, entry.recordedAt);
    }

    /** A member as an editor would write it back, personal data included, for applying a merge patch. */
    public MemberInput editable(CaseFile file, CaseMember member) {
        PersonalData personal = personalData(file, member);
        return new MemberInput(member.id, cipher.open(at(file, "member/" + member.id + "/alias"), member.alias),
                member.sex, member.ageBand, member.vulnerabilityList().isEmpty() ? java.util.Set.of() : EnumSet.copyOf(member.vulnerabilityList()),
                personal.legalName(), personal.dateOfBirth(), personal.placeOfOrigin(), personal.relatives(), personal.contact());
    }

    public String notes(CaseFile file) {
        return cipher.open(at(file, "notes"), file.notes);
    }

    public void sealMember(CaseFile file, CaseMember member, String alias, PersonalData personal) {
        member.alias = cipher.seal(at(file, "member/" + member.id + "/alias"), alias);
        member.personalData = personal.isEmpty() ? null : cipher.seal(at(file, "member/" + member.id + "/personal"), json(personal));
    }

    public PersonalData personalData(CaseFile file, CaseMember member) {
        String sealed = cipher.open(at(file, "member/" + member.id + "/personal"), member.personalData);
        if (sealed == null) {
            return new PersonalData(null, null, null, null, null);
        }
        try {
            return objectMapper.readValue(sealed, PersonalData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed personal data is not readable", e);
        }
    }

    public byte[] seal(CaseFile file, String field, String plaintext) {
        return cipher.seal(at(file, field), plaintext);
    }

    public String open(CaseFile file, String field, byte[] sealed) {
        return cipher.open(at(file, field), sealed);
    }

    /** Moves every sealed field of a case to another organisation's key, as a transfer needs. */
    public void resealFor(CaseFile file, java.util.List<JourneyEntry> journey, String organisation) {
        var aliases = file.members.stream().map(member -> cipher.open(at(file, "member/" + member.id + "/alias"), member.alias)).toList();
        var personal = file.members.stream().map(member -> personalData(file, member)).toList();
        String notes = open(file, "notes", file.notes);
        String closedReason = open(file, "closed-reason", file.closedReason);
        var places = journey.stream().map(entry -> open(file, journeyPlace(entry.id), entry.place)).toList();

        file.organisation = organisation;
        file.keyId = cipher.currentKeyId();
        for (int i = 0; i < file.members.size(); i++) {
            sealMember(file, file.members.get(i), aliases.get(i), personal.get(i));
        }
        file.notes = seal(file, "notes", notes);
        file.closedReason = seal(file, "closed-reason", closedReason);
        for (int i = 0; i < journey.size(); i++) {
            journey.get(i).place = seal(file, journeyPlace(journey.get(i).id), places.get(i));
        }
    }

    public static String journeyPlace(UUID entryId) {
        return "journey/" + entryId + "/place";
    }

    private FieldLocation at(CaseFile file, String field) {
        return new FieldLocation(file.organisation, file.keyId, file.id, field);
    }

    private String json(PersonalData personal) {
        try {
            return objectMapper.writeValueAsString(personal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
