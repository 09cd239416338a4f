package org.corridor.cases.rest;

import org.corridor.cases.domain.AuditAction;

import java.time.Instant;
import java.util.List;

/** A page of a case's audit trail, and whether the hash chain up to the page's end is intact. */
public record AuditView(List<Entry> items, String next, boolean chainIntact) {

    public record Entry(long id, AuditAction action, String actor, String organisation, String requestId, Instant at,
                        String hash) {
    }
}
