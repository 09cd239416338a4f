package org.corridor.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.platform.problem.ProblemException;
import org.corridor.platform.secrets.SecretKeyDirectory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency-Key for requests that create something: the first request under a key is remembered with a fingerprint
 * of its body and what it created; a retry with the same body finds that, and another body under the same key is a 422.
 * While a request under a key is in flight its transaction holds the key, and a concurrent one under it is a 409.
 *
 * <p>A body can hold personal data, so its fingerprint is keyed: {@code <key id>:} and the HMAC-SHA256, under a key
 * of {@code corridor.idempotency.key-directory} (outside the database), of the SHA-256 of the body. Without the key
 * nobody can confirm a guessed body against a stored fingerprint, from a backup or otherwise. Records of before carry
 * the plain SHA-256 alone; a start keys them (an HMAC of that SHA-256 is the same fingerprint), and until then (a
 * previous release may still write them during a rolling upgrade) a retry is compared with them as they are.
 */
@ApplicationScoped
@IfBuildProperty(name = "corridor.idempotency.enabled", stringValue = "true")
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final SecretKeyDirectory keys;

    public IdempotentRequests(EntityManager entityManager, ObjectMapper objectMapper,
                              @ConfigProperty(name = "corridor.idempotency.key-directory") Path keyDirectory) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.keys = SecretKeyDirectory.read(keyDirectory, "idempotency");
    }

    void atStart(@Observes StartupEvent startup) {
        keyPlainFingerprints();
    }

    /** Keys the fingerprints of before, which are plain SHA-256 digests of their requests. */
    @Transactional
    public void keyPlainFingerprints() {
        List<?> plain = entityManager.createNativeQuery("""
                        SELECT operation, scope, key, request_hash FROM idempotent_request WHERE request_hash NOT LIKE '%:%'""")
                .getResultList();
        for (Object found : plain) {
            Object[] row = (Object[]) found;
            entityManager.createNativeQuery("""
                            UPDATE idempotent_request SET request_hash = ?1
                            WHERE operation = ?2 AND scope = ?3 AND key = ?4 AND request_hash = ?5""")
                    .setParameter(1, keyed(keys.currentId(), HexFormat.of().parseHex((String) row[3])))
                    .setParameter(2, row[0])
                    .setParameter(3, row[1])
                    .setParameter(4, row[2])
                    .setParameter(5, row[3])
                    .executeUpdate();
        }
    }

    /**
     * What a request under this key created before; empty for a first request (or none without a key). A first
     * request keeps the key claimed until its transaction ends: the record is written in that transaction, so a
     * concurrent request could otherwise neither see it nor insert its own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> created(Operation operation, String key, Object request) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 200 characters");
        }
        boolean claimed = (Boolean) entityManager.createNativeQuery(
                        "SELECT pg_try_advisory_xact_lock(hashtextextended(CAST(?1 AS text), 0))")
                .setParameter(1, String.join("\n", operation.name(), operation.scope(), key))
                .getSingleResult();
        if (!claimed) {
            throw ProblemException.stillInProgress();
        }
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT request_hash, resource_id FROM idempotent_request
                        WHERE operation = ?1 AND scope = ?2 AND key = ?3""")
                .setParameter(1, operation.name())
                .setParameter(2, operation.scope())
                .setParameter(3, key)
                .getResultList();
        return rows.stream().findFirst().map(row -> (Object[]) row).map(row -> {
            if (!matches((String) row[0], request)) {
                throw ProblemException.unprocessable("This Idempotency-Key was used for a different request.");
            }
            return (UUID) row[1];
        });
    }

    /** Remembers, in the creating transaction, what a first request under this key created. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(Operation operation, String key, Object request, UUID created) {
        if (key == null) {
            return;
        }
        entityManager.createNativeQuery("""
                        INSERT INTO idempotent_request (operation, scope, key, request_hash, resource_id)
                        VALUES (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, operation.name())
                .setParameter(2, operation.scope())
                .setParameter(3, key)
                .setParameter(4, keyed(keys.currentId(), digest(request)))
                .setParameter(5, created)
                .executeUpdate();
    }

    private boolean matches(String fingerprint, Object request) {
        int separator = fingerprint.lastIndexOf(':');
        if (separator < 0) {
            return fingerprint.equals(HexFormat.of().formatHex(digest(request)));
        }
        String keyId = fingerprint.substring(0, separator);
        return keys.key(keyId).isPresent() && fingerprint.equals(keyed(keyId, digest(request)));
    }

    private String keyed(String keyId, byte[] digest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.key(keyId).orElseThrow(), "HmacSHA256"));
            return keyId + ":" + HexFormat.of().formatHex(mac.doFinal(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] digest(Object request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(objectMapper.writeValueAsBytes(request));
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An operation that takes an Idempotency-Key, and whose keys these are (an organisation, or a caller). */
    public record Operation(String name, String scope) {
    }
}
