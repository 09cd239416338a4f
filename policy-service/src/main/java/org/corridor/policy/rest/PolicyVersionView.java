package org.corridor.policy.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A published policy version as one flat JSON object; also the data of {@code org.corridor.policy.published}. */
@Schema(name = "PolicyVersion", allOf = PolicyFields.class)
public record PolicyVersionView(
        UUID id,
        @Schema(examples = "CN") String country,
        @Schema(description = "When Corridor recorded this version.") Instant recordedAt,
        @JsonUnwrapped @Schema(hidden = true) PolicyFields fields) {
}
