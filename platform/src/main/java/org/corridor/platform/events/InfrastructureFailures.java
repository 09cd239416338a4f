package org.corridor.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.RetriableException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Tells a failure of the infrastructure, which passes and must be retried for as long as it lasts, from a failure of
 * the event itself, which no retry mends. A failure counts as the infrastructure's when its causes show a lost or
 * refused connection, a timeout or a transient state of the database or broker, or else when the database does not
 * answer a trivial query right now; so an event is never dead-lettered because the database was away.
 */
@ApplicationScoped
public class InfrastructureFailures {

    /**
     * SQL state classes: 08 connection exception, 40 transaction rollback (serialisation, deadlock), 53 insufficient
     * resources, 57 operator intervention (shutdown, cannot connect now), 58 system error.
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public InfrastructureFailures(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean caused(Throwable failure) {
        return transientCause(failure) || !databaseAnswers();
    }

    /**
     * Whether the failure's causes show the database or broker away or briefly unable: the SQL state of the database's
     * answer decides when there is one; else a timeout or a retriable broker error.
     */
    public static boolean transientCause(Throwable failure) {
        boolean timedOut = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                return TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2));
            }
            timedOut |= cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof TimeoutException || cause instanceof RetriableException;
        }
        return timedOut;
    }

    private boolean databaseAnswers() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
