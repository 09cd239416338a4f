package org.corridor.cases.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "AuditCheckpoint")
public record CheckpointView(
        long id,
        Instant madeAt,
        @Schema(description = "The id of the Ed25519 key that signed it (see getAuditCheckpointKey).") String keyId,
        @Schema(description = AuditResource.STATEMENT) String statement,
        @Schema(description = "The Ed25519 signature of the statement's UTF-8 bytes, base64.") String signature) {
}
