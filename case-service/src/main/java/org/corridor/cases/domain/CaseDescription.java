package org.corridor.cases.domain;

import org.corridor.cases.security.PersonalData;
import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.Vulnerability;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A case as it is written, in plain text: at intake, or as an edit leaves it. Countries are not checked yet. Its JSON
 * is that of the request it came from, so an Idempotency-Key's remembered hash stays the same.
 */
public record CaseDescription(List<Member> members, String currentCountry, List<String> plannedRoute, List<Need> needs,
                              String notes) {

    /** A member; {@code id} names an existing member in an edit, and is null for a new one. */
    public record Member(UUID id, String alias, Sex sex, AgeBand ageBand, Set<Vulnerability> vulnerabilities,
                         String legalName, String dateOfBirth, String placeOfOrigin, String relatives, String contact) {

        public PersonalData personal() {
            return new PersonalData(legalName, dateOfBirth, placeOfOrigin, relatives, contact);
        }

        /** This member's personal fields, each given one or else the one {@code kept}. */
        public PersonalData personalOr(PersonalData kept) {
            return new PersonalData(or(legalName, kept.legalName()), or(dateOfBirth, kept.dateOfBirth()),
                    or(placeOfOrigin, kept.placeOfOrigin()), or(relatives, kept.relatives()), or(contact, kept.contact()));
        }

        private static String or(String given, String kept) {
            return given != null ? given : kept;
        }
    }
}
