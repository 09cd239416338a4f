package org.corridor.cases.security;

/** A member's personal data, sealed together: only a protection officer reads it back. */
public record PersonalData(String legalName, String dateOfBirth, String placeOfOrigin, String relatives, String contact) {

    public boolean isEmpty() {
        return legalName == null && dateOfBirth == null && placeOfOrigin == null && relatives == null && contact == null;
    }
}
