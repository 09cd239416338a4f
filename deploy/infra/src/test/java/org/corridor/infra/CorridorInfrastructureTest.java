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

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorridorInfrastructureTest {

    @TempDir
    Path state;

    @Test
    void startsRealServersThatKeepTheirDataAcrossARestart() throws Exception {
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "corridor-postgres-binaries");

        try (var infrastructure = CorridorInfrastructure.start(state, binaries, 0, 0)) {
            String cases = infrastructure.postgres().jdbcUrl("cases");
            try (var connection = DriverManager.getConnection(cases, PostgresServer.SUPERUSER, PostgresServer.SUPERUSER)) {
                connection.createStatement().execute("CREATE TABLE marker (value TEXT)");
                connection.createStatement().execute("INSERT INTO marker VALUES ('kept')");
                var version = connection.createStatement().executeQuery("SHOW server_version");
                version.next();
                assertTrue(version.getString(1).startsWith("17."), "PostgreSQL 17, got " + version.getString(1));
            }
            send(infrastructure.kafka().bootstrapServers(), "corridor.case-events", "case-1", "opened");
            assertTopicsAreKeptForever(infrastructure.kafka().bootstrapServers());
        }

        try (var restarted = CorridorInfrastructure.start(state, binaries, 0, 0)) {
            try (var connection = DriverManager.getConnection(
                    restarted.postgres().jdbcUrl("cases"), PostgresServer.SUPERUSER, PostgresServer.SUPERUSER)) {
                var rows = connection.createStatement().executeQuery("SELECT value FROM marker");
                assertTrue(rows.next());
                assertEquals("kept", rows.getString(1));
            }
            assertEquals(List.of("case-1=opened"), readAll(restarted.kafka().bootstrapServers(), "corridor.case-events"));
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

    private static List<String> readAll(String bootstrapServers, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var records = new ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + "=" + r.value()));
            }
            return records;
        }
    }
}
