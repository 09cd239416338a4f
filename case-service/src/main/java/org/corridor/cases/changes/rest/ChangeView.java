package org.corridor.cases.changes.rest;

import org.corridor.cases.changes.domain.ChangeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Change", description = "One change of one of your organisation's cases; never personal data.",
        requiredProperties = {"id", "type", "caseId", "revision", "at"})
public record ChangeView(
        @Schema(description = "The change's place in your organisation's feed: later changes have greater ids.",
                example = "1842") String id,
        ChangeType type,
        UUID caseId,
        @Schema(description = "The case's revision after the change (its `ETag`); read the case for what it holds now. "
                + "A case transferred away keeps the revision it had when it left.") int revision,
        @Schema(description = "When the change happened.") Instant at) {
}
