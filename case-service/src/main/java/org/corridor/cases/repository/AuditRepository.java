package org.corridor.cases.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditEntry;
import org.hibernate.Session;

import java.sql.Array;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each case's HMAC-chained audit trail. Entries are written through JDBC on the transaction's connection: an entity
 * insert of this table (its id is the database's) runs at once and a query of it first flushes every pending change
 * of the transaction, which cost case creation a flush per entry.
 */
@ApplicationScoped
public class AuditRepository {

    private final EntityManager entityManager;

    public AuditRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Takes the case's chain for the rest of the transaction, so that concurrent writers never fork it, and answers
     * its last hash ({@link AuditEntry#FIRST} for an empty trail).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String lockChain(UUID caseId) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(CAST(? AS text), 0))")) {
                lock.setObject(1, caseId);
                lock.execute();
            }
            // a statement of its own: its snapshot is taken after the lock, so it sees the last writer's entry
            try (var last = connection.prepareStatement("SELECT hash FROM audit_entry WHERE case_id = ? ORDER BY id DESC LIMIT 1")) {
                last.setObject(1, caseId);
                try (var row = last.executeQuery()) {
                    return row.next() ? row.getString(1) : AuditEntry.FIRST;
                }
            }
        });
    }

    /**
     * {@link #lockChain} for many cases at once: takes their chains in one statement, in id order so that two such
     * transactions never wait on each other crosswise, then answers each one's last hash in another.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, String> lockChains(Collection<UUID> caseIds) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Array ids = connection.createArrayOf("uuid", caseIds.toArray());
            try (var lock = connection.prepareStatement("""
                    SELECT count(pg_advisory_xact_lock(hashtextextended(CAST(id AS text), 0)))
                    FROM (SELECT id FROM unnest(?) AS chain (id) ORDER BY id) AS in_order""")) {
                lock.setArray(1, ids);
                lock.execute();
            }
            try (var last = connection.prepareStatement("""
                    SELECT chain.id, (SELECT hash FROM audit_entry WHERE case_id = chain.id ORDER BY id DESC LIMIT 1)
                    FROM unnest(?) AS chain (id)""")) {
                last.setArray(1, ids);
                Map<UUID, String> heads = new HashMap<>();
                try (var rows = last.executeQuery()) {
                    while (rows.next()) {
                        String hash = rows.getString(2);
                        heads.put(rows.getObject(1, UUID.class), hash == null ? AuditEntry.FIRST : hash);
                    }
                }
                return heads;
            }
        });
    }

    /** Appends entries in their order, in one batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(List<AuditEntry> entries) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO audit_entry (case_id, actor, organisation, action, request_id, at, previous_hash, hash, key_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (AuditEntry entry : entries) {
                    insert.setObject(1, entry.caseId());
                    insert.setString(2, entry.actor());
                    insert.setString(3, entry.organisation());
                    insert.setString(4, entry.action().name());
                    insert.setString(5, entry.requestId());
                    insert.setObject(6, entry.at().atOffset(ZoneOffset.UTC));
                    insert.setString(7, entry.previousHash());
                    insert.setString(8, entry.hash());
                    insert.setString(9, entry.keyId());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditEntry> entries(UUID caseId) {
        return entityManager.createQuery("SELECT a FROM AuditEntry a WHERE a.caseId = ?1 ORDER BY a.id", AuditEntry.class)
                .setParameter(1, caseId).getResultList();
    }

    /** Whether any entry is chained under a key: once one is, the trails were keyed and no unkeyed entry is valid. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean anyKeyed() {
        return !entityManager.createQuery("SELECT a.id FROM AuditEntry a WHERE a.keyId IS NOT NULL", Long.class)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Every entry, each case's in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditEntry> all() {
        return entityManager.createQuery("SELECT a FROM AuditEntry a ORDER BY a.caseId, a.id", AuditEntry.class).getResultList();
    }
}
