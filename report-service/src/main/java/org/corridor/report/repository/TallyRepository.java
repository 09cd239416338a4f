package org.corridor.report.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.report.domain.Scope;
import org.corridor.report.domain.Statistic;
import org.corridor.report.domain.TableId;
import org.corridor.report.domain.Tally;
import org.corridor.report.domain.TallyKey;
import org.corridor.report.domain.TallySnapshot;
import org.corridor.report.domain.TallyTable;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The running totals of every report cell. Statements go through JDBC: Hibernate's cache of native query plans slows
 * down badly under a lookup per event or request.
 */
@ApplicationScoped
public class TallyRepository {

    private final EntityManager entityManager;
    private final DataSource dataSource;

    public TallyRepository(EntityManager entityManager, DataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    /**
     * Adds a change to the tallies in one statement, and gives each table it changes a new revision. Rows are written
     * in key order, so two writers changing the same cells cannot deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Map<TallyKey, Tally> change) {
        if (change.isEmpty()) {
            return;
        }
        SortedMap<TallyKey, Tally> sorted = new TreeMap<>(change);
        int size = sorted.size();
        String[] statistics = new String[size];
        String[] scopes = new String[size];
        String[] rows = new String[size];
        String[] columns = new String[size];
        Long[] people = new Long[size];
        Long[] cases = new Long[size];
        int i = 0;
        for (var entry : sorted.entrySet()) {
            statistics[i] = entry.getKey().statistic().name();
            scopes[i] = entry.getKey().scope();
            rows[i] = entry.getKey().row();
            columns[i] = entry.getKey().column();
            people[i] = entry.getValue().people();
            cases[i] = entry.getValue().cases();
            i++;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var upsert = connection.prepareStatement("""
                    INSERT INTO tally (statistic, scope, row_key, column_key, people, cases)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[])
                    ON CONFLICT (statistic, scope, row_key, column_key) DO UPDATE
                    SET people = tally.people + EXCLUDED.people, cases = tally.cases + EXCLUDED.cases""")) {
                upsert.setArray(1, connection.createArrayOf("text", statistics));
                upsert.setArray(2, connection.createArrayOf("text", scopes));
                upsert.setArray(3, connection.createArrayOf("text", rows));
                upsert.setArray(4, connection.createArrayOf("text", columns));
                upsert.setArray(5, connection.createArrayOf("bigint", people));
                upsert.setArray(6, connection.createArrayOf("bigint", cases));
                upsert.executeUpdate();
            }
            try (var revise = connection.prepareStatement("""
                    INSERT INTO tally_revision (statistic, scope, revision)
                    SELECT statistic, scope, nextval('tally_revision_seq')
                    FROM (SELECT DISTINCT statistic, scope FROM unnest(?::text[], ?::text[]) AS changed(statistic, scope)
                          ORDER BY statistic, scope) AS changed
                    ON CONFLICT (statistic, scope) DO UPDATE SET revision = EXCLUDED.revision""")) {
                revise.setArray(1, connection.createArrayOf("text", statistics));
                revise.setArray(2, connection.createArrayOf("text", scopes));
                revise.executeUpdate();
            }
        });
    }

    /**
     * The tallies as they stand at one moment: every table's revision, the non-zero tallies of the tables of
     * {@code scopes} whose revision differs from {@code known}, and the clock of every stream, read in one read-only
     * transaction that sees a single snapshot of them all.
     */
    public TallySnapshot snapshot(Map<TableId, Long> known, Set<Scope> scopes) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                Map<TableId, Long> revisions = revisions(connection);
                List<TableId> changed = revisions.entrySet().stream()
                        .filter(revision -> scopes.contains(revision.getKey().scope())
                                && !revision.getValue().equals(known.get(revision.getKey())))
                        .map(Map.Entry::getKey).toList();
                var snapshot = new TallySnapshot(revisions, tables(connection, changed), clocks(connection));
                connection.commit();
                return snapshot;
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        }
    }

    private static Map<TableId, Long> revisions(Connection connection) throws SQLException {
        Map<TableId, Long> revisions = new HashMap<>();
        try (var query = connection.prepareStatement("SELECT statistic, scope, revision FROM tally_revision");
             var rows = query.executeQuery()) {
            while (rows.next()) {
                revisions.put(new TableId(Statistic.valueOf(rows.getString(1)), Scope.ofKey(rows.getString(2))), rows.getLong(3));
            }
        }
        return revisions;
    }

    private static Map<TableId, TallyTable> tables(Connection connection, List<TableId> ids) throws SQLException {
        Map<TableId, Map<TallyTable.Cell, Tally>> tallies = new HashMap<>();
        ids.forEach(id -> tallies.put(id, new HashMap<>()));
        try (var query = connection.prepareStatement("""
                SELECT statistic, scope, row_key, column_key, people, cases FROM tally
                WHERE (statistic, scope) IN (SELECT * FROM unnest(?::text[], ?::text[])) AND people > 0""")) {
            query.setArray(1, connection.createArrayOf("text", ids.stream().map(id -> id.statistic().name()).toArray()));
            query.setArray(2, connection.createArrayOf("text", ids.stream().map(id -> id.scope().key()).toArray()));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    var id = new TableId(Statistic.valueOf(rows.getString(1)), Scope.ofKey(rows.getString(2)));
                    tallies.get(id).put(new TallyTable.Cell(rows.getString(3), rows.getString(4)),
                            new Tally(rows.getLong(5), rows.getLong(6)));
                }
            }
        }
        Map<TableId, TallyTable> tables = new HashMap<>();
        tallies.forEach((id, cells) -> tables.put(id, new TallyTable(id.statistic(), cells)));
        return tables;
    }

    private static Map<String, Instant> clocks(Connection connection) throws SQLException {
        Map<String, Instant> clocks = new HashMap<>();
        try (var query = connection.prepareStatement("SELECT stream, last_event_at FROM event_clock");
             var rows = query.executeQuery()) {
            while (rows.next()) {
                clocks.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
            }
        }
        return clocks;
    }
}
