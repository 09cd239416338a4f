package org.corridor.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One infrastructure process of {@code deploy/local/corridor up}: PostgreSQL (with the service databases) or the Kafka
 * broker (with the topics), each in a process of its own so that either can crash, or be killed, alone. Keeps its
 * state in the given directory, writes a {@code <server>.ready} marker once it serves, and runs until terminated.
 *
 * <p>PostgreSQL runs as child processes of this one; should they die, this process exits too (status 1), so that a
 * dead database always shows as a dead process to whoever brings the runtime back.
 *
 * <p>Arguments: {@code postgres <state directory> <port> <password file>} (the superuser's password, in a file only
 * its owner reads) or {@code kafka <state directory> <port>}.
 */
public final class LocalInfrastructure {

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        if (!(args.length == 4 && args[0].equals("postgres") || args.length == 3 && args[0].equals("kafka"))) {
            System.err.println("usage: LocalInfrastructure postgres <state directory> <port> <password file>"
                    + " | kafka <state directory> <port>");
            System.exit(2);
        }
        String server = args[0];
        Path state = Path.of(args[1]).toAbsolutePath();
        int port = Integer.parseInt(args[2]);
        Path ready = state.resolve(server + ".ready");
        Files.deleteIfExists(ready);

        AutoCloseable running;
        String serves;
        if (server.equals("postgres")) {
            var postgres = CorridorInfrastructure.startPostgres(state, state.resolve("postgres-binaries"), port,
                    PostgresServer.Durability.DURABLE, PostgresServer.passwordIn(Path.of(args[3])));
            running = postgres;
            serves = "PostgreSQL on port " + postgres.port();
            Thread.ofPlatform().name("postgres-watch").daemon().start(() -> exitWhenGone(postgres, ready));
        } else {
            var kafka = CorridorInfrastructure.startKafka(state, port);
            running = kafka;
            serves = "Kafka on " + kafka.bootstrapServers();
        }

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                running.close();
            } catch (Exception e) {
                System.err.println("stopping " + server + " failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, server + "-shutdown"));

        Files.writeString(ready, serves + "\n");
        System.out.println(serves);
        stopped.await();
    }

    private static void exitWhenGone(PostgresServer postgres, Path ready) {
        try {
            while (postgres.isRunning()) {
                Thread.sleep(WATCH_INTERVAL);
            }
            System.err.println("PostgreSQL's server process is gone: exiting so that it is started again");
            Files.deleteIfExists(ready);
        } catch (Exception e) {
            System.err.println("watching PostgreSQL failed: " + e);
        }
        Runtime.getRuntime().halt(1);
    }
}
