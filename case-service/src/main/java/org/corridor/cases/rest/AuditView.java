package org.corridor.cases.rest;

import org.corridor.cases.domain.AuditAction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A page of a case's audit trail, whether the case's whole chain is intact, and the checkpoint it was held against. */
public record AuditView(
        List<Entry> items,
        @Schema(nullable = true, description = "The cursor of the next page; null on the last page.") String next,
        @Schema(description = """
                Whether the case's whole audit trail verifies: every entry's HMAC under the key it names, each \
                following the one before, and, against `checkpoint`, at least as long as that checkpoint signed and \
                ending there where it signed. A rewritten entry, or a trail cut short of a checkpoint, is not intact.""")
        boolean chainIntact,
        @Schema(nullable = true, description = """
                The newest signed checkpoint (see listAuditCheckpoints) that recorded this case's chain head; null \
                when none has yet.""")
        Checkpoint checkpoint) {

    @Schema(name = "AuditTrailCheckpoint")
    public record Checkpoint(
            @Schema(description = "The checkpoint's id.") long id,
            Instant madeAt,
            @Schema(description = "How many entries the trail had then; the last of them is the signed head.") long entries) {
    }

    @Schema(name = "AuditEntry")
    public record Entry(long id, AuditAction action, String actor, String organisation,
                        @Schema(nullable = true, description = "The X-Request-Id of the request that did this; null "
                                + "for what Corridor did by itself, outside any request (a risk updated after a "
                                + "policy was published).")
                        String requestId,
                        Instant at, String hash) {
    }
}
