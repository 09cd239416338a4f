package org.corridor.cases.changes.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.cases.changes.domain.CaseChange;
import org.corridor.cases.changes.domain.Change;
import org.corridor.cases.changes.domain.ChangeType;
import org.hibernate.Session;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class CaseChangeRepository {

    private static final long SEQUENCER_LOCK = 0x6368616e67657321L;

    private final EntityManager entityManager;

    public CaseChangeRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records changes in the caller's transaction, in their order, in one batch; they have no position yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement(
                    "INSERT INTO case_change (organisation, case_id, type, revision, changed_at) VALUES (?, ?, ?, ?, ?)")) {
                for (Change change : changes) {
                    insert.setString(1, change.organisation());
                    insert.setObject(2, change.caseId());
                    insert.setString(3, change.type().name());
                    insert.setInt(4, change.revision());
                    insert.setObject(5, change.changedAt().atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * Gives the committed changes without a position theirs, in id order, at most {@code limit}; answers how many. The
     * lock makes sequencers take turns for the rest of the transaction, so each batch's positions lie after every
     * position committed before it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int sequence(int limit) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, SEQUENCER_LOCK);
                lock.execute();
            }
            try (var update = connection.prepareStatement("""
                    UPDATE case_change c SET position = s.position
                    FROM (SELECT id, nextval('case_change_position') AS position
                          FROM (SELECT id FROM case_change WHERE position IS NULL ORDER BY id LIMIT ?) waiting
                          ORDER BY id) s
                    WHERE c.id = s.id""")) {
                update.setInt(1, limit);
                return update.executeUpdate();
            }
        });
    }

    /** An organisation's changes after {@code after}, in position order, of the given types (empty: every type). */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CaseChange> after(String organisation, long after, Set<ChangeType> types, int limit) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var select = connection.prepareStatement("""
                    SELECT position, type, case_id, revision, changed_at FROM case_change
                    WHERE organisation = ? AND position > ? AND (cardinality(?) = 0 OR type = ANY (?))
                    ORDER BY position LIMIT ?""")) {
                var typeNames = connection.createArrayOf("text", types.stream().map(Enum::name).toArray());
                select.setString(1, organisation);
                select.setLong(2, after);
                select.setArray(3, typeNames);
                select.setArray(4, typeNames);
                select.setInt(5, limit);
                List<CaseChange> changes = new ArrayList<>();
                try (var row = select.executeQuery()) {
                    while (row.next()) {
                        changes.add(new CaseChange(row.getLong(1), ChangeType.valueOf(row.getString(2)),
                                row.getObject(3, UUID.class), row.getInt(4), row.getObject(5, OffsetDateTime.class).toInstant()));
                    }
                }
                return changes;
            }
        });
    }
}
