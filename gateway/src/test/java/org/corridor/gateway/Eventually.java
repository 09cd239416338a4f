package org.corridor.gateway;

import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for what happens after an answer has gone out (a log line, a metric, a stub seeing a request); fails only if it never comes. */
final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Eventually() {
    }

    static <T> T await(Supplier<T> probe, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail(what + " never came");
    }
}
