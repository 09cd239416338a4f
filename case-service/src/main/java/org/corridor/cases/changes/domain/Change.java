package org.corridor.cases.changes.domain;

import java.time.Instant;
import java.util.UUID;

/** A change of a case to record for an organisation's feed, before it has a position. */
public record Change(String organisation, UUID caseId, ChangeType type, int revision, Instant changedAt) {
}
