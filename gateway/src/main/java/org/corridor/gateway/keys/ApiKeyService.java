package org.corridor.gateway.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.identity.CorridorRoles;
import org.corridor.gateway.identity.Identity;
import org.corridor.platform.problem.ProblemException;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Issues and revokes API keys. A key is shown once, when it is issued; only its hash is stored. */
@ApplicationScoped
public class ApiKeyService {

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    private static final String PREFIX = "cor_";

    private final ApiKeyStore store;
    private final ApiKeyDirectory directory;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    public ApiKeyService(ApiKeyStore store, ApiKeyDirectory directory) {
        this.store = store;
        this.directory = directory;
    }

    public IssuedApiKey issue(String organisation, Set<String> roles, String label, Instant expiresAt, String issuedBy) throws SQLException {
        if (!Identity.isOrganisation(organisation)) {
            throw ProblemException.invalidField("org", "is not an organisation id (lower-case letters, digits and '-')");
        }
        if (!CorridorRoles.ALL.containsAll(roles)) {
            throw ProblemException.invalidField("roles", "contains a role that is not one of " + CorridorRoles.ALL.stream().sorted().toList());
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ProblemException.invalidField("expiresAt", "is not in the future");
        }
        String key = newKey();
        var grant = new ApiKeyGrant(UUID.randomUUID(), organisation, roles, label, now, expiresAt, null);
        if (!store.add(ApiKeyHash.of(key), grant)) {
            throw new IllegalStateException("a freshly drawn key id or key collided with a stored one");
        }
        directory.refresh();
        LOG.infof("API key %s issued for %s with roles %s, expiring %s, by admin %s",
                grant.id(), organisation, grant.roles(), expiresAt == null ? "never" : expiresAt, issuedBy);
        return new IssuedApiKey(grant, key);
    }

    public List<ApiKeyGrant> list(Optional<String> organisation) throws SQLException {
        return store.list(organisation);
    }

    public Optional<ApiKeyGrant> find(UUID id) throws SQLException {
        return store.find(id);
    }

    /** Revokes at once on this instance; the others stop accepting the key at their next refresh. */
    public void revoke(UUID id, String revokedBy) throws SQLException {
        if (!store.revoke(id, clock.instant())) {
            throw ProblemException.notFound("The API key");
        }
        directory.refresh();
        LOG.infof("API key %s revoked by admin %s", id, revokedBy);
    }

    private String newKey() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** A grant with its key, which exists only in this answer. */
    public record IssuedApiKey(ApiKeyGrant grant, String key) {
    }
}
