package org.corridor.cases.rest;

import org.corridor.cases.domain.CaseTransfer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

public record TransferView(UUID id, UUID caseId, String fromOrganisation, String toOrganisation, CaseTransfer.Status status,
                           Instant offeredAt,
                           @Schema(nullable = true, description = "When the offer was accepted or declined; null while it is open.")
                           Instant decidedAt) {
}
