package org.corridor.cases.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditCheckpoint;
import org.corridor.cases.domain.ChainHead;
import org.hibernate.Session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Signed checkpoints of the audit chain heads, and the heads each one signed. */
@ApplicationScoped
public class AuditCheckpointRepository {

    private static final long CHECKPOINT_LOCK = 0x61756469742d6370L;

    private final EntityManager entityManager;

    public AuditCheckpointRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Makes the service instances that would checkpoint at once take turns, for the rest of the transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, CHECKPOINT_LOCK).getSingleResult();
    }

    /** Every case's chain head now, read in one statement so that they all stand at one moment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChainHead> currentHeads() {
        return query("""
                SELECT a.case_id, c.organisation, a.entries, a.hash FROM (
                    SELECT DISTINCT ON (case_id) case_id, hash, count(*) OVER (PARTITION BY case_id) AS entries
                    FROM audit_entry ORDER BY case_id, id DESC) a
                JOIN case_file c ON c.id = a.case_id""");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditCheckpoint save(Instant madeAt, String keyId, String statement, String signature, List<ChainHead> heads) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            long id;
            try (var insert = connection.prepareStatement(
                    "INSERT INTO audit_checkpoint (made_at, key_id, statement, signature) VALUES (?, ?, ?, ?) RETURNING id")) {
                insert.setObject(1, madeAt.atOffset(ZoneOffset.UTC));
                insert.setString(2, keyId);
                insert.setString(3, statement);
                insert.setString(4, signature);
                try (var row = insert.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
            }
            try (var insert = connection.prepareStatement("""
                    INSERT INTO audit_checkpoint_head (checkpoint_id, case_id, organisation, entries, head)
                    VALUES (?, ?, ?, ?, ?)""")) {
                for (ChainHead head : heads) {
                    insert.setLong(1, id);
                    insert.setObject(2, head.caseId());
                    insert.setString(3, head.organisation());
                    insert.setLong(4, head.entries());
                    insert.setString(5, head.head());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return new AuditCheckpoint(id, madeAt, keyId, statement, signature);
        });
    }

    /** The newest checkpoint signed by this key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuditCheckpoint> latestSignedBy(String keyId) {
        return checkpoints("SELECT id, made_at, key_id, statement, signature FROM audit_checkpoint WHERE key_id = ? ORDER BY id DESC LIMIT 1",
                keyId).stream().findFirst();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<AuditCheckpoint> find(long id) {
        return checkpoints("SELECT id, made_at, key_id, statement, signature FROM audit_checkpoint WHERE id = ?", id).stream().findFirst();
    }

    /** Checkpoints newest first, before the one of id {@code before} (0: from the newest). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditCheckpoint> page(long before, int limit) {
        return checkpoints("""
                SELECT id, made_at, key_id, statement, signature FROM audit_checkpoint WHERE ? = 0 OR id < ?
                ORDER BY id DESC LIMIT ?""", before, before, limit);
    }

    /** Every head a checkpoint signed of one organisation's cases. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChainHead> heads(long checkpointId, String organisation) {
        return query("SELECT case_id, organisation, entries, head FROM audit_checkpoint_head WHERE checkpoint_id = ? AND organisation = ?",
                checkpointId, organisation);
    }

    /** The heads of one organisation's cases a checkpoint signed, in case id order after {@code after} (null: from the first). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChainHead> heads(long checkpointId, String organisation, UUID after, int limit) {
        return query("""
                SELECT case_id, organisation, entries, head FROM audit_checkpoint_head
                WHERE checkpoint_id = ? AND organisation = ? AND (CAST(? AS uuid) IS NULL OR case_id > ?)
                ORDER BY case_id LIMIT ?""", checkpointId, organisation, after, after, limit);
    }

    private List<ChainHead> query(String sql, Object... parameters) {
        return select(sql, row -> new ChainHead(row.getObject(1, UUID.class), row.getString(2), row.getLong(3), row.getString(4)),
                parameters);
    }

    private List<AuditCheckpoint> checkpoints(String sql, Object... parameters) {
        return select(sql, row -> new AuditCheckpoint(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(),
                row.getString(3), row.getString(4), row.getString(5)), parameters);
    }

    private <T> List<T> select(String sql, RowMapper<T> mapper, Object... parameters) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                List<T> rows = new ArrayList<>();
                try (var row = statement.executeQuery()) {
                    while (row.next()) {
                        rows.add(mapper.map(row));
                    }
                }
                return rows;
            }
        });
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
