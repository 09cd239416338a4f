package org.corridor.gateway.keys;

import org.corridor.gateway.identity.Identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What an API key stands for (one organisation and a set of roles) and its life; never the key itself. */
public record ApiKeyGrant(UUID id, String organisation, Set<String> roles, String label, Instant createdAt,
                          Instant expiresAt, Instant revokedAt) {

    public ApiKeyGrant {
        roles = Set.copyOf(roles);
    }

    public boolean validAt(Instant now) {
        return state(now) == State.ACTIVE;
    }

    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? State.EXPIRED : State.ACTIVE;
    }

    /** The key id is the caller's subject, so the audit trail names the key without holding it. */
    public Identity identity() {
        return new Identity(id.toString(), organisation, roles);
    }

    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }
}
