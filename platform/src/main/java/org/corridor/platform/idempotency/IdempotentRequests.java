package org.corridor.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.platform.problem.ProblemException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency-Key for requests that create something: the first request under a key is remembered with a hash of its
 * body and what it created; a retry with the same body finds that, and another body under the same key is a 422.
 * While a request under a key is in flight its transaction holds the key, and a concurrent one under it is a 409.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    public IdempotentRequests(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
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
            if (!row[0].equals(hash(request))) {
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
                .setParameter(4, hash(request))
                .setParameter(5, created)
                .executeUpdate();
    }

    private String hash(Object request) {
        try {
            byte[] canonical = objectMapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An operation that takes an Idempotency-Key, and whose keys these are (an organisation, or a caller). */
    public record Operation(String name, String scope) {
    }
}
