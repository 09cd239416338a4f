package org.corridor.cases.rest;

import org.corridor.cases.domain.AuditAction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A page of a case's audit trail, and whether the case's whole hash chain is intact. */
public record AuditView(
        List<Entry> items,
        @Schema(nullable = true, description = "The cursor of the next page; null on the last page.") String next,
        @Schema(description = "Whether the hash chain of the case's whole audit trail verifies.") boolean chainIntact) {

    @Schema(name = "AuditEntry")
    public record Entry(long id, AuditAction action, String actor, String organisation, String requestId, Instant at,
                        String hash) {
    }
}
