package org.corridor.gateway.admin;

import org.corridor.gateway.keys.ApiKeyGrant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A key as an admin sees it: everything but the key, which is shown only once, when it is issued. */
public record ApiKeyView(UUID id, String org, List<String> roles, String label, Instant createdAt, Instant expiresAt,
                         Instant revokedAt, String state) {

    static ApiKeyView of(ApiKeyGrant grant, Instant now) {
        return new ApiKeyView(grant.id(), grant.organisation(), grant.roles().stream().sorted().toList(), grant.label(),
                grant.createdAt(), grant.expiresAt(), grant.revokedAt(), grant.state(now).name().toLowerCase());
    }
}
