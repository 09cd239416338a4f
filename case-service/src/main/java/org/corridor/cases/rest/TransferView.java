package org.corridor.cases.rest;

import org.corridor.cases.domain.CaseTransfer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

public record TransferView(UUID id, UUID caseId, String fromOrganisation, String toOrganisation, CaseTransfer.Status status,
                           Instant offeredAt,
                           @Schema(description = "When the offer lapses if nobody answers it.") Instant expiresAt,
                           @Schema(nullable = true, description = "When the offer was accepted, declined, withdrawn or expired; null while it is open.")
                           Instant decidedAt,
                           @Schema(nullable = true, description = "The person's consent, as recorded with the offer; null "
                                   + "for offers made before offers recorded it.") ConsentView consent) {
}
