package org.corridor.cases.subscription.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

// the secret is written only in the answer that creates the subscription
@Schema(name = "Subscription", requiredProperties = {"id", "url", "events", "status", "createdAt", "endedAt"})
public record SubscriptionView(
        UUID id,
        String url,
        @Schema(description = "The message types it receives.") List<String> events,
        @Schema(description = "`active`, or `ended` once deleted: nothing more is sent to it.",
                enumeration = {"active", "ended"}) String status,
        Instant createdAt,
        @Schema(nullable = true) Instant endedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Only in the answer that creates the subscription, never again: the signing secret "
                + "(`whsec_` and base64), whose bytes key the HMAC-SHA256 of every message's `webhook-signature`.")
        String secret) {
}
