package org.corridor.policy.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "PolicyDraft", allOf = PolicyFields.class)
public record PolicyDraftView(
        UUID id,
        String country,
        @Schema(enumeration = {"open", "published"}) String status,
        @Schema(description = "Who wrote or revised the draft; none of them may publish it.") List<String> editors,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) UUID publishedVersionId,
        @JsonUnwrapped @Schema(hidden = true) PolicyFields fields) {
}
