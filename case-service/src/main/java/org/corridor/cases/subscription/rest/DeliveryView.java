package org.corridor.cases.subscription.rest;

import org.corridor.cases.subscription.domain.DeliveryError;
import org.corridor.cases.subscription.domain.DeliveryStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Delivery", description = "One message to a subscription and how its attempts went.")
public record DeliveryView(
        @Schema(description = "The message's id, sent as `webhook-id`: the same on every attempt.") UUID id,
        @Schema(description = "The message's type.", example = "alert.raised") String type,
        UUID alertId,
        UUID caseId,
        DeliveryStatus status,
        @Schema(description = "Attempts made so far.") int attempts,
        @Schema(nullable = true, description = "The status code the receiver last answered, if it answered.") Integer lastStatusCode,
        @Schema(nullable = true, description = "Why the last attempt got no answer, if it got none.") DeliveryError lastError,
        Instant createdAt,
        @Schema(nullable = true) Instant lastAttemptAt,
        @Schema(nullable = true, description = "When it is tried next, while it is pending.") Instant nextAttemptAt) {
}
