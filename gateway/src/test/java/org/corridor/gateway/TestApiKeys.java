package org.corridor.gateway;

import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyGrant;
import org.corridor.gateway.keys.ApiKeyHash;
import org.corridor.gateway.keys.ApiKeyStore;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Stores API keys straight into the gateway's table, as if issued earlier, and makes them known at once. */
final class TestApiKeys {

    private final ApiKeyStore store;
    private final ApiKeyDirectory directory;

    TestApiKeys(ApiKeyStore store, ApiKeyDirectory directory) {
        this.store = store;
        this.directory = directory;
    }

    /** A fresh key of its own, so that no other test shares its rate limit. */
    String active(String organisation, String... roles) {
        return stored(organisation, null, null, roles);
    }

    String expired(String organisation, String... roles) {
        return stored(organisation, Instant.now().minusSeconds(60), null, roles);
    }

    String revoked(String organisation, String... roles) {
        return stored(organisation, null, Instant.now().minusSeconds(60), roles);
    }

    private String stored(String organisation, Instant expiresAt, Instant revokedAt, String... roles) {
        String key = "cor_test-" + UUID.randomUUID() + UUID.randomUUID();
        try {
            store.add(ApiKeyHash.of(key), new ApiKeyGrant(UUID.randomUUID(), organisation, Set.of(roles), "test",
                    Instant.now().minusSeconds(120), expiresAt, revokedAt));
            directory.refresh();
        } catch (Exception e) {
            throw new IllegalStateException("could not store a test key", e);
        }
        return key;
    }
}
