package org.corridor.gateway.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limit against a simulated service that answers in {@code BASE} alone and, like a service bound by its CPUs,
 * serves {@code THROUGHPUT} calls a second at most: past its knee, every call in flight makes every call slower.
 * Callers always fill the limit unless a test says otherwise. Time is simulated; nothing here waits.
 */
class GradientLimitTest {

    private static final long BASE = Duration.ofMillis(20).toNanos();
    private static final double THROUGHPUT = 90;
    private static final long STEP = Duration.ofMillis(10).toNanos();

    private long now;

    @Test
    void aServiceWithHeadroomLetsTheLimitGrowToItsMaximum() {
        var limit = new GradientLimit(10, 4, 64, 1.5);
        run(limit, 3000, inFlight -> BASE, false);
        assertEquals(64, limit.current());
    }

    @Test
    void aServiceThatSlowsWithEveryCallHoldsTheLimitNearItsKneeWhileCallersWantFarMore() {
        var limit = new GradientLimit(10, 4, 64, 1.5);
        run(limit, 100, GradientLimitTest::crowded, true);
        // ten minutes of a crowd (3000 windows of 200 ms)
        run(limit, 3000, GradientLimitTest::crowded, false);
        // at 90 calls a second, 8 to 12 in flight is 90 to 130 ms a call: the service's whole throughput (it needs 2),
        // at a few times its uncrowded latency; the crowd of callers stays at the gateway's door
        assertTrue(limit.current() >= 8 && limit.current() <= 12, "limit " + limit.current());
        assertTrue(limit.baseline().toNanos() < 1.5 * BASE, "baseline " + limit.baseline());
    }

    @Test
    void aLimitGrownWithHeadroomComesDownOnceTheServiceSlows() {
        var limit = new GradientLimit(10, 4, 64, 1.5);
        run(limit, 3000, inFlight -> BASE, false);
        assertEquals(64, limit.current());
        run(limit, 300, GradientLimitTest::crowded, false);
        assertTrue(limit.current() <= 16, "limit " + limit.current());
    }

    @Test
    void callersThatUseLittleOfTheLimitDoNotRaiseIt() {
        var limit = new GradientLimit(10, 4, 64, 1.5);
        run(limit, 3000, inFlight -> BASE, true);
        assertEquals(10, limit.current());
    }

    @Test
    void itNeverLeavesItsBounds() {
        var limit = new GradientLimit(20, 12, 30, 1.5);
        run(limit, 500, inFlight -> BASE, false);
        assertEquals(30, limit.current());
        run(limit, 500, inFlight -> 100 * BASE, false);
        assertEquals(12, limit.current());
    }

    @Test
    void boundsOutOfOrderOrAToleranceBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GradientLimit(3, 4, 64, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new GradientLimit(1, 0, 64, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new GradientLimit(70, 4, 64, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new GradientLimit(10, 4, 64, 0.9));
    }

    /** A service bound by its CPUs: past {@code BASE * THROUGHPUT} calls in flight, latency grows with each one. */
    private static long crowded(int inFlight) {
        return Math.max(BASE, (long) (inFlight / THROUGHPUT * 1e9));
    }

    /** Feeds {@code windows} windows of calls, 20 to a window, with the limit full (or a quarter used, when {@code idle}). */
    private void run(GradientLimit limit, int windows, IntToLongFunction latency, boolean idle) {
        for (int window = 0; window < windows; window++) {
            for (int call = 0; call < 20; call++) {
                now += STEP;
                int inFlight = idle ? Math.max(1, limit.current() / 4) : limit.current();
                limit.sample(latency.applyAsLong(inFlight), inFlight, now);
            }
        }
    }
}
