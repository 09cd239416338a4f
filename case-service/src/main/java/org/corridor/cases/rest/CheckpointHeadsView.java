package org.corridor.cases.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A page of the chain heads a checkpoint signed of the caller's organisation's cases, with the checkpoint. */
@Schema(name = "AuditCheckpointHeads")
public record CheckpointHeadsView(
        CheckpointView checkpoint,
        List<Head> items,
        @Schema(nullable = true, description = "The cursor of the next page; null on the last page.") String next) {

    @Schema(name = "AuditChainHead")
    public record Head(
            UUID caseId,
            @Schema(description = "How many entries the case's trail had.") long entries,
            @Schema(description = "The hash of the last of them.") String head) {
    }
}
