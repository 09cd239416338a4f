package org.corridor.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** PostgreSQL and Kafka as Corridor needs them: one database per service, the event topics kept forever. */
public final class CorridorInfrastructure implements AutoCloseable {

    /** The database each service owns, by service name. */
    public static final List<ServiceDatabase> DATABASES = List.of(
            new ServiceDatabase("gateway", "gateway"),
            new ServiceDatabase("case-service", "cases"),
            new ServiceDatabase("policy-service", "policy"),
            new ServiceDatabase("report-service", "reports"));

    public static final List<String> TOPICS = List.of("corridor.case-events", "corridor.policy-events");

    private static final int PARTITIONS = 3;

    private final PostgresServer postgres;
    private final Path kafkaDirectory;
    private volatile KafkaBroker kafka;

    private CorridorInfrastructure(PostgresServer postgres, Path kafkaDirectory, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafkaDirectory = kafkaDirectory;
        this.kafka = kafka;
    }

    /** Starts both servers with their state under {@code stateDirectory}; ports of 0 pick free ones. */
    public static CorridorInfrastructure start(Path stateDirectory, Path postgresBinaries, int postgresPort, int kafkaPort,
                                               PostgresServer.Durability durability) throws IOException, SQLException {
        var postgres = PostgresServer.start(stateDirectory.resolve("postgres"), postgresBinaries, postgresPort, durability);
        try {
            Path kafkaDirectory = stateDirectory.resolve("kafka");
            var kafka = KafkaBroker.start(kafkaDirectory, kafkaPort);
            kafka.createTopics(TOPICS, PARTITIONS);
            return new CorridorInfrastructure(postgres, kafkaDirectory, kafka);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public void createServiceDatabases() throws SQLException {
        for (ServiceDatabase database : DATABASES) {
            postgres.createDatabaseIfMissing(database.name());
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** Stops the broker, keeping its data, to see how the services live through an outage. */
    public void stopKafka() {
        kafka.close();
    }

    /** Brings a stopped broker back on the same ports with the same data. */
    public void restartKafka() throws IOException {
        kafka = KafkaBroker.start(kafkaDirectory, kafka.brokerPort(), kafka.controllerPort());
    }

    @Override
    public void close() throws IOException {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    public record ServiceDatabase(String service, String name) {
    }
}
