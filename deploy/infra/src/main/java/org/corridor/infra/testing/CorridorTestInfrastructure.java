package org.corridor.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.corridor.infra.CorridorInfrastructure;
import org.corridor.infra.PostgresServer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a service under test a real PostgreSQL database of its own, a real Kafka broker, the key pair of the
 * internal JWT (the public half for services to verify, the private half for the gateway and {@link InternalTokens}),
 * and a key of the Idempotency-Key fingerprints.
 *
 * <p>The servers start once per test JVM. Quarkus loads this class again for every application restart (another
 * test profile), so what runs is found through system properties rather than a static field, and each application
 * start gets a fresh database. {@link TestKafka} reaches the broker through a JVM-wide MBean.
 */
public class CorridorTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    static final String POSTGRES_PORT = "corridor.test.postgres.port";
    static final String POSTGRES_PASSWORD = "corridor.test.postgres.password";
    static final String KAFKA_BOOTSTRAP = "corridor.test.kafka.bootstrap-servers";
    static final String SIGNING_KEY = "corridor.test.jwt.signing-key";
    static final String PUBLIC_KEY = "corridor.test.jwt.public-key";
    static final String IDEMPOTENCY_KEYS = "corridor.test.idempotency.key-directory";
    /** {@code -Dcorridor.test.postgres.unsafe-fast=true}: the test database skips fsync and synchronous commit. */
    static final String UNSAFE_FAST_POSTGRES = "corridor.test.postgres.unsafe-fast";

    @Override
    public Map<String, String> start() {
        try {
            ensureRunning();
            int postgresPort = Integer.parseInt(System.getProperty(POSTGRES_PORT));
            String password = System.getProperty(POSTGRES_PASSWORD);
            String database = "test_" + UUID.randomUUID().toString().replace("-", "");
            PostgresServer.createDatabaseIfMissing(postgresPort, password, database);
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database,
                    "quarkus.datasource.username", PostgresServer.SUPERUSER,
                    "quarkus.datasource.password", password,
                    "kafka.bootstrap.servers", System.getProperty(KAFKA_BOOTSTRAP),
                    "mp.jwt.verify.publickey.location", System.getProperty(PUBLIC_KEY),
                    "smallrye.jwt.sign.key.location", System.getProperty(SIGNING_KEY),
                    "corridor.idempotency.key-directory", System.getProperty(IDEMPOTENCY_KEYS));
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
        String password = UUID.randomUUID().toString();
        var infrastructure = CorridorInfrastructure.start(state, binaries, 0, 0,
                Boolean.getBoolean(UNSAFE_FAST_POSTGRES) ? PostgresServer.Durability.UNSAFE_FAST : PostgresServer.Durability.DURABLE,
                password);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                infrastructure.close();
                deleteRecursively(state);
            } catch (Exception e) {
                System.err.println("stopping the test infrastructure failed: " + e);
            }
        }, "test-infrastructure-shutdown"));
        writeKeyPair(state);
        writeIdempotencyKey(state);
        ManagementFactory.getPlatformMBeanServer().registerMBean(new KafkaControl(infrastructure), KafkaControl.NAME);
        System.setProperty(KAFKA_BOOTSTRAP, infrastructure.kafka().bootstrapServers());
        System.setProperty(POSTGRES_PASSWORD, password);
        System.setProperty(POSTGRES_PORT, Integer.toString(infrastructure.postgres().port()));
    }

    private static void writeKeyPair(Path directory) throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path signingKey = directory.resolve("signing-key.pem");
        Path publicKey = directory.resolve("public-key.pem");
        Files.writeString(signingKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        System.setProperty(SIGNING_KEY, signingKey.toString());
        System.setProperty(PUBLIC_KEY, publicKey.toString());
    }

    private static void writeIdempotencyKey(Path directory) throws IOException {
        Path keys = Files.createDirectory(directory.resolve("idempotency-keys"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(keys.resolve("test"), Base64.getEncoder().encodeToString(key));
        System.setProperty(IDEMPOTENCY_KEYS, keys.toString());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
