package org.corridor.report.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.report.domain.Scope;
import org.corridor.report.domain.Statistic;
import org.corridor.report.domain.Tally;
import org.corridor.report.domain.TallyKey;
import org.corridor.report.domain.TallyTable;
import org.hibernate.Session;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The running totals of every report cell. Statements go through JDBC: Hibernate's cache of native query plans slows
 * down badly under a lookup per event or request.
 */
@ApplicationScoped
public class TallyRepository {

    private final EntityManager entityManager;

    public TallyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Adds a change to the tallies in one statement. Rows are written in key order, so two writers changing the same
     * cells cannot deadlock.
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
        });
    }

    /** One statistic's non-zero tallies in one scope. */
    @Transactional
    public TallyTable table(Statistic statistic, Scope scope) {
        Map<TallyTable.Cell, Tally> tallies = new HashMap<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var query = connection.prepareStatement("""
                    SELECT row_key, column_key, people, cases FROM tally
                    WHERE statistic = ? AND scope = ? AND people > 0""")) {
                query.setString(1, statistic.name());
                query.setString(2, scope.key());
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        tallies.put(new TallyTable.Cell(rows.getString(1), rows.getString(2)),
                                new Tally(rows.getLong(3), rows.getLong(4)));
                    }
                }
            }
        });
        return new TallyTable(statistic, tallies);
    }
}
