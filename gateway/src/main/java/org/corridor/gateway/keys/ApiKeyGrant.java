package org.corridor.gateway.keys;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What a valid API key stands for: one organisation and a set of roles. */
public record ApiKeyGrant(UUID id, String organisation, Set<String> roles, Instant expiresAt, Instant revokedAt) {

    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
