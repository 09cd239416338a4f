package org.corridor.cases.domain;

import java.util.UUID;

/** Where a case's audit chain stood at a checkpoint: how many entries it had, and the hash of the last. */
public record ChainHead(UUID caseId, String organisation, long entries, String head) {
}
