package org.corridor.cases.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which versions of each organisation's key exist ({@code organisation_key}; their key material is outside the
 * database) and the case keys they wrap ({@code case_file.data_key}).
 */
@ApplicationScoped
public class OrganisationKeyRepository {

    private final EntityManager entityManager;

    public OrganisationKeyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The version that wraps the organisation's new case keys, if it has one, held for the transaction: should it be
     * retired meanwhile, it is not destroyed before the case key this transaction wraps with it is written.
     */
    public Optional<UUID> current(String organisation) {
        return entityManager.createNativeQuery("""
                        SELECT version FROM organisation_key WHERE organisation = ?1 AND retired_at IS NULL
                        FOR KEY SHARE""", UUID.class)
                .setParameter(1, organisation).getResultStream().findFirst().map(UUID.class::cast);
    }

    /** Makes {@code version} the organisation's current one, unless another became current first: answers whether it did. */
    public boolean addCurrent(String organisation, UUID version, Instant now) {
        return entityManager.createNativeQuery("""
                        INSERT INTO organisation_key (version, organisation, created_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (organisation) WHERE retired_at IS NULL DO NOTHING""")
                .setParameter(1, version).setParameter(2, organisation).setParameter(3, now).executeUpdate() == 1;
    }

    /** Retires the organisation's current version: it wraps no new case key from now on. */
    public void retireCurrent(String organisation, Instant now) {
        entityManager.createNativeQuery(
                        "UPDATE organisation_key SET retired_at = ?2 WHERE organisation = ?1 AND retired_at IS NULL")
                .setParameter(1, organisation).setParameter(2, now).executeUpdate();
    }

    /** Organisations whose current version was made before {@code before}. */
    public List<String> currentMadeBefore(Instant before) {
        return entityManager.createNativeQuery(
                        "SELECT organisation FROM organisation_key WHERE retired_at IS NULL AND created_at < ?1", String.class)
                .setParameter(1, before).getResultList();
    }

    /** Organisations with retired versions still to be destroyed. */
    public List<String> withRetired() {
        return entityManager.createNativeQuery(
                "SELECT DISTINCT organisation FROM organisation_key WHERE retired_at IS NOT NULL", String.class).getResultList();
    }

    /** The organisation's retired versions, locked: a case key being wrapped by one holds it until its transaction ends. */
    public List<UUID> lockRetired(String organisation) {
        return entityManager.createNativeQuery("""
                        SELECT version FROM organisation_key WHERE organisation = ?1 AND retired_at IS NOT NULL
                        ORDER BY version FOR UPDATE""", UUID.class)
                .setParameter(1, organisation).getResultList();
    }

    public boolean wrapsAnyCaseKey(UUID version) {
        return !entityManager.createNativeQuery("SELECT 1 FROM case_file WHERE data_key_version = ?1 LIMIT 1")
                .setParameter(1, version).getResultList().isEmpty();
    }

    public void delete(UUID version) {
        entityManager.createNativeQuery("DELETE FROM organisation_key WHERE version = ?1").setParameter(1, version)
                .executeUpdate();
    }

    /** Case keys of the organisation under a retired version, locked (skipping those another transaction holds). */
    public List<WrappedKey> lockKeysUnderRetired(String organisation, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT c.id, c.data_key, c.data_key_version FROM case_file c
                        JOIN organisation_key k ON k.version = c.data_key_version
                        WHERE k.organisation = ?1 AND k.retired_at IS NOT NULL
                        LIMIT ?2 FOR UPDATE OF c SKIP LOCKED""", Object[].class)
                .setParameter(1, organisation).setParameter(2, limit).getResultList();
        return rows.stream().map(row -> new WrappedKey((UUID) row[0], (byte[]) row[1], (UUID) row[2])).toList();
    }

    /** Writes case keys as wrapped anew, in one statement. */
    public void write(List<WrappedKey> keys) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var update = connection.prepareStatement("""
                    UPDATE case_file c SET data_key = v.data_key, data_key_version = v.version
                    FROM unnest(?, ?, ?) AS v (id, data_key, version) WHERE c.id = v.id""")) {
                update.setArray(1, connection.createArrayOf("uuid", keys.stream().map(WrappedKey::caseId).toArray()));
                update.setArray(2, connection.createArrayOf("bytea",
                        keys.stream().map(WrappedKey::wrapped).toArray(byte[][]::new)));
                update.setArray(3, connection.createArrayOf("uuid", keys.stream().map(WrappedKey::version).toArray()));
                update.executeUpdate();
            }
        });
    }

    /** A case's data key as stored: wrapped by the organisation key version named. */
    public record WrappedKey(UUID caseId, byte[] wrapped, UUID version) {
    }
}
