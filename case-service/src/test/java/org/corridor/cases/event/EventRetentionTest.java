package org.corridor.cases.event;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.platform.events.EventRetention;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class EventRetentionTest {

    /** The outbox relay's advisory lock: held by the test, the relay leaves the test's unpublished row alone. */
    static final long RELAY_LOCK = 0x436f727269646f72L;

    @Inject
    EventRetention retention;

    @Inject
    DataSource dataSource;

    @Test
    void deletesWhatIsPastItsRetentionAndNothingElse() throws Exception {
        String marker = "retention-" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "SELECT pg_advisory_lock(" + RELAY_LOCK + ")");
            try {
                execute(connection, """
                        INSERT INTO outbox_event (event_id, topic, record_key, type, subject, payload, occurred_at, published_at)
                        SELECT gen_random_uuid(), 'corridor.case-events', 'k', 'test', '%s-' || label, '{}', now() - age, published
                        FROM (VALUES ('expired-1', interval '8 days', now() - interval '8 days'),
                                     ('expired-2', interval '9 days', now() - interval '7 days 1 minute'),
                                     ('recent', interval '8 days', now() - interval '6 days 23 hours'),
                                     ('unpublished', interval '60 days', NULL::timestamptz)) AS rows (label, age, published)
                        """.formatted(marker));
                // more expired ids than one batch deletes
                execute(connection, """
                        INSERT INTO processed_event (event_id, type, processed_at)
                        SELECT gen_random_uuid(), '%1$s', now() - interval '31 days' FROM generate_series(1, 2500)
                        UNION ALL SELECT gen_random_uuid(), '%1$s-kept', now() - interval '29 days'
                        """.formatted(marker));

                retention.deleteExpired();

                assertEquals(List.of(marker + "-recent", marker + "-unpublished"),
                        strings(connection, "SELECT subject FROM outbox_event WHERE subject LIKE '" + marker + "%' ORDER BY subject"));
                assertEquals(List.of(marker + "-kept"),
                        strings(connection, "SELECT DISTINCT type FROM processed_event WHERE type LIKE '" + marker + "%'"));
            } finally {
                execute(connection, "DELETE FROM outbox_event WHERE subject LIKE '" + marker + "%'");
                execute(connection, "SELECT pg_advisory_unlock(" + RELAY_LOCK + ")");
            }
        }
    }

    static void execute(Connection connection, String sql) throws Exception {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static List<String> strings(Connection connection, String sql) throws Exception {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
