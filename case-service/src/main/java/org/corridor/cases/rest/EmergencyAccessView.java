package org.corridor.cases.rest;

import org.corridor.cases.domain.EmergencyAccess;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

public record EmergencyAccessView(UUID id, UUID caseId,
                                  @Schema(description = "The caseworker who read the case's personal data.") String actor,
                                  String reason, Instant grantedAt,
                                  @Schema(description = "Until when the caseworker reads the case's personal data.")
                                  Instant expiresAt,
                                  @Schema(nullable = true, description = "The coordinator's review; null until then.")
                                  Review review) {

    public record Review(EmergencyAccess.Outcome outcome, @Schema(nullable = true) String note, String reviewedBy,
                         Instant reviewedAt) {
    }
}
