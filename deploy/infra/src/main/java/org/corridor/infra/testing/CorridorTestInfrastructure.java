package org.corridor.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.corridor.infra.CorridorInfrastructure;
import org.corridor.infra.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a service under test a real PostgreSQL database of its own and a real Kafka broker.
 *
 * <p>The servers start once per test JVM. Quarkus loads this class again for every application restart (another
 * test profile), so the running servers are found through system properties rather than a static field, and each
 * application start gets a fresh database.
 */
public class CorridorTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static final String POSTGRES_PORT = "corridor.test.postgres.port";
    private static final String KAFKA_BOOTSTRAP = "corridor.test.kafka.bootstrap-servers";

    @Override
    public Map<String, String> start() {
        try {
            ensureRunning();
            int postgresPort = Integer.parseInt(System.getProperty(POSTGRES_PORT));
            String database = "test_" + UUID.randomUUID().toString().replace("-", "");
            PostgresServer.createDatabaseIfMissing(postgresPort, database);
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database,
                    "quarkus.datasource.username", PostgresServer.SUPERUSER,
                    "quarkus.datasource.password", PostgresServer.SUPERUSER,
                    "kafka.bootstrap.servers", System.getProperty(KAFKA_BOOTSTRAP));
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test infrastructure", e);
        }
    }

    @Override
    public void stop() {
        // The servers outlive one application: they stop with the test JVM.
    }

    private static synchronized void ensureRunning() throws Exception {
        if (System.getProperty(POSTGRES_PORT) != null) {
            return;
        }
        Path state = Files.createTempDirectory("corridor-test-");
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "corridor-postgres-binaries");
        var infrastructure = CorridorInfrastructure.start(state, binaries, 0, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                infrastructure.close();
                deleteRecursively(state);
            } catch (Exception e) {
                System.err.println("stopping the test infrastructure failed: " + e);
            }
        }, "test-infrastructure-shutdown"));
        System.setProperty(POSTGRES_PORT, Integer.toString(infrastructure.postgres().port()));
        System.setProperty(KAFKA_BOOTSTRAP, infrastructure.kafka().bootstrapServers());
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
