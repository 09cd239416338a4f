package org.corridor.cases.domain;

import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditEntryTest {

    final UUID caseId = UUID.randomUUID();
    final Instant at = Instant.parse("2026-11-23T10:00:00Z");
    final AuditKey key = new AuditKey("2026-01", new SecretKeySpec(new byte[32], "HmacSHA256"));
    final AuditKey otherKey = new AuditKey("2026-02", new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "HmacSHA256"));

    @Test
    void entriesChainAndAnyChangeBreaksTheChain() throws Exception {
        var first = AuditEntry.after(key, AuditEntry.FIRST, caseId, "key-1", "crossing-hope", AuditAction.CREATE, "req-1", at);
        var second = AuditEntry.after(key, first.hash(), caseId, "key-2", "crossing-hope", AuditAction.READ_PERSONAL_DATA, "req-2", at);
        assertTrue(first.follows(AuditEntry.FIRST, key));
        assertTrue(second.follows(first.hash(), key));
        assertNotEquals(first.hash(), second.hash());

        var actor = AuditEntry.class.getDeclaredField("actor");
        actor.setAccessible(true);
        actor.set(second, "someone-else"); // as a rewrite of the stored row would
        assertFalse(second.follows(first.hash(), key), "an altered entry no longer matches its hash");
        assertFalse(AuditEntry.after(key, AuditEntry.FIRST, caseId, "key-2", "crossing-hope", AuditAction.READ, "req-2", at)
                .follows(first.hash(), key), "an entry that skips its predecessor does not follow it");
    }

    @Test
    void onlyTheKeyMakesAnEntryThatFollows() {
        var entry = AuditEntry.after(key, AuditEntry.FIRST, caseId, "key-1", "crossing-hope", AuditAction.READ, "req-1", at);
        var forged = AuditEntry.after(otherKey, AuditEntry.FIRST, caseId, "key-1", "crossing-hope", AuditAction.READ, "req-1", at);
        assertNotEquals(entry.hash(), forged.hash());
        assertFalse(forged.follows(AuditEntry.FIRST, key), "an entry made under another key");
        assertFalse(entry.followsUnkeyed(AuditEntry.FIRST), "a keyed entry is no plain one");
    }
}
