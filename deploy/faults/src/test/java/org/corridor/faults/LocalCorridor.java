package org.corridor.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole system as {@code deploy/local/test-instance} runs it from the jars just built, in this process's
 * environment (run directory and ports): started before the suite, stopped after it, and brought back after each fault
 * with {@code deploy/local/corridor up}, exactly as an operator of the local runtime does.
 */
final class LocalCorridor {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);

    private final Path root = Path.of(System.getProperty("corridor.root")).toAbsolutePath().normalize();
    private final Path run = Path.of(System.getProperty("corridor.run-dir")).toAbsolutePath().normalize();

    void start() {
        script("test-instance", "up");
    }

    void stop() {
        script("test-instance", "down");
    }

    /** {@code corridor up}: starts whatever is not running and returns once the system serves again. */
    Duration up() {
        long started = System.nanoTime();
        script("corridor", "up");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    Path credentials() {
        return run.resolve("credentials.json");
    }

    /** Kills the process with SIGKILL, together with every process it started. */
    void kill(String process) {
        ProcessHandle handle = processOf(process);
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /** Sends SIGTERM, as an orchestrator stopping the process does, and waits until it has ended. */
    void terminate(String process) {
        ProcessHandle handle = processOf(process);
        handle.destroy();
        handle.onExit().orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** PostgreSQL's server processes (its postmaster and backends), as a crash of the database server ends them. */
    void killPostgresServer() {
        try {
            long pid = Long.parseLong(Files.readAllLines(run.resolve("state/postgres/postmaster.pid")).getFirst().trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
            postmaster.destroyForcibly();
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.onExit().join();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL's postmaster.pid cannot be read", e);
        }
    }

    private ProcessHandle processOf(String process) {
        try {
            long pid = Long.parseLong(Files.readString(run.resolve("pids/" + process + ".pid")).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new IllegalStateException(process + " is not running"));
        } catch (IOException e) {
            throw new IllegalStateException("no pid recorded for " + process, e);
        }
    }

    private void script(String name, String command) {
        try {
            Path log = Files.createDirectories(run.getParent()).resolve("corridor-" + command + ".log");
            Process process = new ProcessBuilder(root.resolve("deploy/local/" + name).toString(), command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(name + " " + command + " did not finish within " + UP_TIMEOUT + "; " + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(name + " " + command + " failed (exit " + process.exitValue() + "): " + tail(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

}
