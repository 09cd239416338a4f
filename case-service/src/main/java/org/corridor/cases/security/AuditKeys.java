package org.corridor.cases.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.domain.AuditKey;
import org.corridor.platform.secrets.SecretKeyDirectory;

import javax.crypto.spec.SecretKeySpec;
import java.util.Optional;

/** The audit chain's HMAC keys ({@code corridor.cases.audit.key-directory}); each entry names the one it was made under. */
@ApplicationScoped
public class AuditKeys {

    private final SecretKeyDirectory keys;

    public AuditKeys(CaseConfig config) {
        keys = SecretKeyDirectory.read(config.audit().keyDirectory(), "audit chain");
    }

    /** The key new entries are chained under. */
    public AuditKey current() {
        return byId(keys.currentId()).orElseThrow();
    }

    /** The key of this id; none for an unknown id or none at all. */
    public Optional<AuditKey> byId(String id) {
        return Optional.ofNullable(id).flatMap(keys::key).map(secret -> new AuditKey(id, new SecretKeySpec(secret, "HmacSHA256")));
    }
}
