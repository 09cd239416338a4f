package org.corridor.cases.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditEntryTest {

    final UUID caseId = UUID.randomUUID();
    final Instant at = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void entriesChainAndAnyChangeBreaksTheChain() throws Exception {
        var first = AuditEntry.after(AuditEntry.FIRST, caseId, "key-1", "crossing-hope", AuditAction.CREATE, "req-1", at);
        var second = AuditEntry.after(first.hash(), caseId, "key-2", "crossing-hope", AuditAction.READ_PERSONAL_DATA, "req-2", at);
        assertTrue(first.follows(AuditEntry.FIRST));
        assertTrue(second.follows(first.hash()));
        assertNotEquals(first.hash(), second.hash());

        var actor = AuditEntry.class.getDeclaredField("actor");
        actor.setAccessible(true);
        actor.set(second, "someone-else"); // as a rewrite of the stored row would
        assertFalse(second.follows(first.hash()), "an altered entry no longer matches its hash");
        assertFalse(AuditEntry.after(AuditEntry.FIRST, caseId, "key-2", "crossing-hope", AuditAction.READ, "req-2", at)
                .follows(first.hash()), "an entry that skips its predecessor does not follow it");
    }
}
