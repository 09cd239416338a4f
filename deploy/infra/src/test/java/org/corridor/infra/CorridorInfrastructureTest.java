package org.corridor.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorridorInfrastructureTest {

    private static final String PASSWORD = "a-generated-secret";

    @TempDir
    Path state;

    @Test
    void startsRealServersThatKeepTheirDataAcrossARestart() throws Exception {
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "corridor-postgres-binaries");

        try (var infrastructure = CorridorInfrastructure.start(state, binaries, 0, 0, PostgresServer.Durability.DURABLE, PASSWORD)) {
            try (var connection = infrastructure.postgres().connect("cases")) {
                connection.createStatement().execute("CREATE TABLE marker (value TEXT)");
                connection.createStatement().execute("INSERT INTO marker VALUES ('kept')");
                var version = connection.createStatement().executeQuery("SHOW server_version");
                version.next();
                assertTrue(version.getString(1).startsWith("17."), "PostgreSQL 17, got " + version.getString(1));
                for (String setting : List.of("synchronous_commit", "fsync", "full_page_writes")) {
                    var value = connection.createStatement().executeQuery("SHOW " + setting);
                    value.next();
                    assertEquals("on", value.getString(1), setting);
                }
            }
            send(infrastructure.kafka().bootstrapServers(), "corridor.case-events", "case-1", "opened");
            assertTopicsAreKeptForever(infrastructure.kafka().bootstrapServers());
        }

        try (var restarted = CorridorInfrastructure.start(state, binaries, 0, 0, PostgresServer.Durability.DURABLE, PASSWORD)) {
            try (var connection = restarted.postgres().connect("cases")) {
                var rows = connection.createStatement().executeQuery("SELECT value FROM marker");
                assertTrue(rows.next());
                assertEquals("kept", rows.getString(1));
            }
            assertEquals(List.of("case-1=opened"), readAll(restarted.kafka().bootstrapServers(), "corridor.case-events", 1));
        }
    }

    /**
     * The local runtime's infrastructure processes killed with SIGKILL, three times: first both JVMs alone (PostgreSQL lives
     * on as an orphan holding the data directory and the port), then with every PostgreSQL process as well; and last
     * PostgreSQL's processes alone, which ends its JVM too, so that the runtime sees it is gone. Each restart comes up on
     * the same ports, and every commit and every Kafka write acknowledged before a kill is there.
     */
    @Test
    void keepsEveryAcknowledgedWriteWhenTheInfrastructureProcessesAreKilled() throws Exception {
        int postgresPort = KafkaBroker.freePort();
        int kafkaPort = KafkaBroker.freePort();
        Process postgres = startLocalInfrastructure("postgres", postgresPort);
        Process broker = startLocalInfrastructure("kafka", kafkaPort);
        String cases = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/cases";
        String kafka = "127.0.0.1:" + kafkaPort;
        try (var connection = DriverManager.getConnection(cases, PostgresServer.SUPERUSER, PASSWORD)) {
            connection.createStatement().execute("CREATE TABLE acknowledged (id INT PRIMARY KEY)");
        }
        insertOneByOne(cases, 0, 300);
        send(kafka, "corridor.case-events", "case-1", "opened");
        postgres.destroyForcibly().waitFor();
        broker.destroyForcibly().waitFor();

        postgres = startLocalInfrastructure("postgres", postgresPort);
        broker = startLocalInfrastructure("kafka", kafkaPort);
        send(kafka, "corridor.case-events", "case-2", "opened");
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> postgresProcesses = new ArrayList<>(postmaster.descendants().toList());
        postgresProcesses.add(postmaster);
        // killed right after the last answer: a commit answered before its WAL is written would be lost
        insertOneByOne(cases, 300, 600);
        postgres.destroyForcibly();
        broker.destroyForcibly();
        postgresProcesses.forEach(ProcessHandle::destroyForcibly);
        postgres.waitFor();
        broker.waitFor();

        postgres = startLocalInfrastructure("postgres", postgresPort);
        broker = startLocalInfrastructure("kafka", kafkaPort);
        insertOneByOne(cases, 600, 900);
        postmaster = postmaster();
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        assertTrue(postgres.waitFor(30, TimeUnit.SECONDS), "PostgreSQL's process ends when its server is gone");

        postgres = startLocalInfrastructure("postgres", postgresPort);
        try (var connection = DriverManager.getConnection(cases, PostgresServer.SUPERUSER, PASSWORD)) {
            var count = connection.createStatement().executeQuery("SELECT count(*) FROM acknowledged");
            count.next();
            assertEquals(900, count.getInt(1), "rows committed before the kills");
            assertEquals(List.of("case-1=opened", "case-2=opened"), readAll(kafka, "corridor.case-events", 2).stream().sorted().toList());
        } finally {
            for (Process process : List.of(postgres, broker)) {
                process.destroy();
                process.waitFor();
            }
        }
    }

    /**
     * Nobody else on the machine connects by asking: not without a password, not with the one PostgreSQL's images
     * are known for, not as another role; and a cluster made when every local connection was trusted asks for the
     * password from its next start on.
     */
    @Test
    void asksEveryConnectionForTheGeneratedPassword() throws Exception {
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "corridor-postgres-binaries");
        int port;
        try (var postgres = CorridorInfrastructure.startPostgres(state, binaries, 0, PostgresServer.Durability.UNSAFE_FAST, PASSWORD)) {
            port = postgres.port();
            assertRefused(postgres.jdbcUrl("cases"));
            try (var connection = postgres.connect("cases")) {
                assertTrue(connection.isValid(5));
            }
        }
        Files.writeString(state.resolve("postgres").resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        try (var postgres = CorridorInfrastructure.startPostgres(state, binaries, port, PostgresServer.Durability.UNSAFE_FAST, PASSWORD)) {
            assertRefused(postgres.jdbcUrl("cases"));
            try (var connection = postgres.connect("cases")) {
                assertTrue(connection.isValid(5));
            }
        }
    }

    private static void assertRefused(String url) {
        for (String[] credentials : List.of(new String[] {PostgresServer.SUPERUSER, ""},
                new String[] {PostgresServer.SUPERUSER, PostgresServer.SUPERUSER}, new String[] {"root", "root"})) {
            var refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, credentials[0], credentials[1]).close());
            // 28P01: the password is wrong; 08004: the server asked for a password the client did not have
            assertTrue(Set.of("28P01", "08004").contains(refused.getSQLState()),
                    credentials[0] + " with the password '" + credentials[1] + "': " + refused.getMessage());
        }
    }

    private Process startLocalInfrastructure(String server, int port) throws Exception {
        Path ready = state.resolve(server + ".ready");
        Files.deleteIfExists(ready); // a killed process leaves its marker behind
        Path log = state.resolve(server + ".log");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), LocalInfrastructure.class.getName(),
                server, state.toString(), Integer.toString(port)));
        if (server.equals("postgres")) {
            command.add(passwordFile().toString());
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError(server + " did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return process;
    }

    private Path passwordFile() throws Exception {
        Path file = state.resolve("postgres-password");
        Files.writeString(file, PASSWORD + "\n");
        return file;
    }

    private ProcessHandle postmaster() throws Exception {
        String pid = Files.readAllLines(state.resolve("postgres").resolve("postmaster.pid")).getFirst().strip();
        return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
    }

    /** One autocommitted insert each: each answered insert is an acknowledged commit. */
    private static void insertOneByOne(String url, int from, int to) throws Exception {
        try (var connection = DriverManager.getConnection(url, PostgresServer.SUPERUSER, PASSWORD);
             var insert = connection.prepareStatement("INSERT INTO acknowledged VALUES (?)")) {
            for (int id = from; id < to; id++) {
                insert.setInt(1, id);
                insert.executeUpdate();
            }
        }
    }

    private static void assertTopicsAreKeptForever(String bootstrapServers) throws Exception {
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            for (String topic : CorridorInfrastructure.TOPICS) {
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertEquals("-1", config.get("retention.ms").value(), topic);
                assertEquals("-1", config.get("retention.bytes").value(), topic);
                assertEquals("delete", config.get("cleanup.policy").value(), topic);
            }
        }
    }

    private static void send(String bootstrapServers, String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> readAll(String bootstrapServers, String topic, int expected) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var records = new ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + "=" + r.value()));
            }
            return records;
        }
    }
}
