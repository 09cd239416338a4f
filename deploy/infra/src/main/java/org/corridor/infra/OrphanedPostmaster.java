package org.corridor.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server that outlived the process that started it: when that JVM is killed (SIGKILL skips its shutdown
 * hook), the postmaster keeps running on the data directory and its port, and the next start would fail on both.
 * Its {@code postmaster.pid} names it.
 */
final class OrphanedPostmaster {

    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(60);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(15);

    private OrphanedPostmaster() {
    }

    /**
     * Stops the server that {@code dataDirectory}'s {@code postmaster.pid} names, if it still runs: a fast shutdown
     * (SIGINT: sessions are ended, the WAL is flushed, a checkpoint is written), or an immediate one (SIGQUIT,
     * recovered from the WAL at the next start) if that takes too long. Then, and whenever the pid file names a process
     * that is not that server (the pid was reused) or one that has exited but is not yet reaped (a zombie, which
     * PostgreSQL takes for a live server), the pid file is removed, since PostgreSQL would refuse to start on it.
     */
    static void stopIfRunning(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = postmaster(pidFile);
        if (postmaster.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        if (!isPostgres(postmaster.get())) {
            Files.deleteIfExists(pidFile);
            return;
        }
        System.err.println("stopping PostgreSQL (pid " + postmaster.get().pid() + ") left running on " + dataDirectory);
        if (!signalAndWait(postmaster.get(), "INT", FAST_SHUTDOWN) && !signalAndWait(postmaster.get(), "QUIT", IMMEDIATE_SHUTDOWN)) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.get().pid() + ") on " + dataDirectory + " does not stop");
        }
        Files.deleteIfExists(pidFile);
    }

    /** The PostgreSQL server running on {@code dataDirectory}, if one does. */
    static Optional<ProcessHandle> running(Path dataDirectory) {
        try {
            return postmaster(dataDirectory.resolve("postmaster.pid")).filter(OrphanedPostmaster::isPostgres);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the pid file is being written or removed
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).filter(OrphanedPostmaster::isRunning);
    }

    /**
     * Alive and not a zombie: an orphan's parent is init, which here may be slow to reap it, and a process that has
     * exited holds neither the port nor the data directory.
     */
    private static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().equals("postgres")).orElse(false);
    }

    private static boolean signalAndWait(ProcessHandle process, String signal, Duration timeout) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (isRunning(process) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            return !isRunning(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        }
    }
}
