package org.corridor.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure process of {@code deploy/local/corridor up}: starts PostgreSQL and Kafka with their state in
 * the given directory, creates the service databases and topics, writes a {@code ready} marker, and runs until it
 * is terminated.
 *
 * <p>Arguments: {@code <state directory> <postgres port> <kafka port>}.
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalInfrastructure <state directory> <postgres port> <kafka port>");
            System.exit(2);
        }
        Path state = Path.of(args[0]).toAbsolutePath();
        Path ready = state.resolve("infrastructure.ready");
        Files.deleteIfExists(ready);

        var infrastructure = CorridorInfrastructure.start(
                state, state.resolve("postgres-binaries"), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                PostgresServer.Durability.DURABLE);
        infrastructure.createServiceDatabases();

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                infrastructure.close();
            } catch (Exception e) {
                System.err.println("stopping the infrastructure failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "infrastructure-shutdown"));

        Files.writeString(ready, "postgres=" + infrastructure.postgres().port()
                + "\nkafka=" + infrastructure.kafka().bootstrapServers() + "\n");
        System.out.println("PostgreSQL on port " + infrastructure.postgres().port()
                + ", Kafka on " + infrastructure.kafka().bootstrapServers());
        stopped.await();
    }
}
