package org.corridor.cases.service;

import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.security.PersonalData;

import java.util.Map;
import java.util.UUID;

/**
 * A case with its sealed fields opened as far as the caller may see them: every member's alias, and for a protection
 * officer ({@code personalDataShown}) the members' personal data and the notes; otherwise those are absent.
 */
public record VisibleCase(CaseFile file, Map<UUID, String> aliases, Map<UUID, PersonalData> personalData, String notes,
                          boolean personalDataShown) {
}
