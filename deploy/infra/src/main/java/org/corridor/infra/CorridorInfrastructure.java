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

    /** The event topics, and the dead-letter topic of each, where its consumers put what they cannot apply. */
    public static final List<String> TOPICS = List.of("corridor.case-events", "corridor.policy-events",
            "corridor.case-events.dead-letter", "corridor.policy-events.dead-letter");

    private static final int PARTITIONS = 3;

    private final PostgresServer postgres;
    private final Path kafkaDirectory;
    private volatile KafkaBroker kafka;

    private CorridorInfrastructure(PostgresServer postgres, Path kafkaDirectory, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafkaDirectory = kafkaDirectory;
        this.kafka = kafka;
    }

    /**
     * Starts both servers with their state under {@code stateDirectory}; ports of 0 pick free ones; PostgreSQL's
     * superuser has {@code postgresPassword}.
     */
    public static CorridorInfrastructure start(Path stateDirectory, Path postgresBinaries, int postgresPort, int kafkaPort,
                                               PostgresServer.Durability durability, String postgresPassword)
            throws IOException, SQLException {
        var postgres = startPostgres(stateDirectory, postgresBinaries, postgresPort, durability, postgresPassword);
        try {
            return new CorridorInfrastructure(postgres, stateDirectory.resolve("kafka"), startKafka(stateDirectory, kafkaPort));
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** PostgreSQL with its data under {@code stateDirectory}, holding every service's database. */
    public static PostgresServer startPostgres(Path stateDirectory, Path postgresBinaries, int port,
                                               PostgresServer.Durability durability, String password)
            throws IOException, SQLException {
        var postgres = PostgresServer.start(stateDirectory.resolve("postgres"), postgresBinaries, port, durability, password);
        try {
            for (ServiceDatabase database : DATABASES) {
                postgres.createDatabaseIfMissing(database.name());
            }
            return postgres;
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** The Kafka broker with its log under {@code stateDirectory}, holding Corridor's topics. */
    public static KafkaBroker startKafka(Path stateDirectory, int port) throws IOException {
        var kafka = KafkaBroker.start(stateDirectory.resolve("kafka"), port);
        try {
            kafka.createTopics(TOPICS, PARTITIONS);
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
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
