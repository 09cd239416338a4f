package org.corridor.platform.events;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Keeps the outbox and the processed-event log from growing forever: deletes published outbox events and
 * processed-event ids older than their retention ({@link EventRetentionConfig}), a bounded batch per transaction.
 * A service without one of the tables (it does not publish, or does not consume) skips it.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    private final DataSource dataSource;
    private final EventRetentionConfig config;

    public EventRetention(DataSource dataSource, EventRetentionConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void validate(@Observes StartupEvent startup) {
        if (config.processedEvents().compareTo(config.publishedEvents()) < 0) {
            throw new IllegalStateException("corridor.event-retention.processed-events (" + config.processedEvents()
                    + ") must be at least corridor.event-retention.published-events (" + config.publishedEvents()
                    + "): a redelivered event whose id is forgotten would be applied twice");
        }
    }

    @Scheduled(identity = "event-retention", every = "${corridor.event-retention.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void deleteExpired() {
        try {
            deleteOlderThan("outbox_event", "id", "published_at", config.publishedEvents());
            deleteOlderThan("processed_event", "event_id", "processed_at", config.processedEvents());
        } catch (SQLException e) {
            LOG.warnf("could not delete expired event rows (%s); next run retries", e.getClass().getSimpleName());
        }
    }

    /** Deletes the rows of {@code table} whose {@code timeColumn} is older than {@code retention}; answers how many. */
    private long deleteOlderThan(String table, String key, String timeColumn, Duration retention) throws SQLException {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!exists(connection, table)) {
                return 0;
            }
            // names are ours, never input
            try (var delete = connection.prepareStatement("DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key
                    + " FROM " + table + " WHERE " + timeColumn + " < now() - make_interval(secs => ?) LIMIT ?)")) {
                delete.setDouble(1, retention.toSeconds());
                delete.setInt(2, config.batchSize());
                int batch;
                do {
                    batch = delete.executeUpdate();
                    deleted += batch;
                } while (batch == config.batchSize());
            }
        }
        if (deleted > 0) {
            LOG.infof("deleted %d rows of %s older than %s", deleted, table, retention);
        }
        return deleted;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (var query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
