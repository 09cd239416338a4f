package org.corridor.cases.changes.domain;

import java.time.Instant;
import java.util.UUID;

/** One change of a case, as the organisation that sees it is told; {@code position} orders the feed. */
public record CaseChange(long position, ChangeType type, UUID caseId, int revision, Instant changedAt) {
}
