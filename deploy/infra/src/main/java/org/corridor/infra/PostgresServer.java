package org.corridor.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

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
     * Starts a server on {@code port} (0 picks a free one). An existing data directory is reused as it is,
     * so a restart keeps its data; {@code binaryDirectory} is where the shipped binaries are unpacked.
     */
    public static PostgresServer start(Path dataDirectory, Path binaryDirectory, int port) throws IOException {
        stopOrphan(dataDirectory);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaryDirectory.toFile())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off".equals(System.getProperty("corridor.postgres.fsync")) ? "off" : "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return new PostgresServer(builder.start(), dataDirectory);
    }

    /** Whether the server's postmaster still runs. */
    public boolean isRunning() {
        return postmaster(dataDirectory).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * A server left running on this data directory by a process that was killed before it could stop it would hold
     * the directory and the port: it is killed with its backends (a crash, which PostgreSQL recovers from with its
     * write-ahead log), so that this start owns the server.
     */
    private static void stopOrphan(Path dataDirectory) {
        postmaster(dataDirectory).filter(ProcessHandle::isAlive).ifPresent(orphan -> {
            orphan.descendants().forEach(ProcessHandle::destroyForcibly);
            orphan.destroyForcibly();
            orphan.onExit().join();
        });
    }

    /** The postmaster named by the data directory's postmaster.pid, if it is a postgres process serving that directory. */
    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            String directory = dataDirectory.toAbsolutePath().toString();
            return ProcessHandle.of(pid).filter(process -> process.info().commandLine()
                    .map(line -> line.contains("/postgres ") && line.contains(directory)).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
