package org.corridor.cases.rest;

import org.corridor.cases.domain.CaseTransfer;

import java.time.Instant;
import java.util.UUID;

public record TransferView(UUID id, UUID caseId, String fromOrganisation, String toOrganisation, CaseTransfer.Status status,
                           Instant offeredAt, Instant decidedAt) {
}
