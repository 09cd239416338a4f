package org.corridor.cases.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AuditCheckpointKey")
public record CheckpointKeyView(
        @Schema(description = "The key id checkpoints signed with this key name.") String keyId,
        @Schema(description = "Always Ed25519.") String algorithm,
        @Schema(description = "The public key, PEM (X.509 SubjectPublicKeyInfo).") String publicKey) {
}
