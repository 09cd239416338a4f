package org.corridor.gateway.limits;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.corridor.gateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue in front of a fixed limit: who waits, who gets the freed slot, who is refused and when. */
class ConcurrencyLimiterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aCallBeyondTheLimitWaitsAndTakesTheFirstSlotFreedWhileOneBeyondTheQueueIsRefusedAtOnce() throws Exception {
        var limiter = new ConcurrencyLimiter(vertx, fixed(2, 1, Duration.ofHours(1)));
        var first = limiter.acquire();
        var second = limiter.acquire();
        assertTrue(first.succeeded() && second.succeeded());

        Future<ConcurrencyLimiter.Permit> waiting = limiter.acquire();
        Future<ConcurrencyLimiter.Permit> refused = limiter.acquire();
        assertTrue(refused.failed(), "refused without waiting");
        assertInstanceOf(ConcurrencyLimiter.Overloaded.class, refused.cause());
        assertFalse(waiting.isComplete());

        first.result().release();
        first.result().release();
        await(waiting);
        assertTrue(waiting.succeeded());
        assertEquals(2, limiter.inFlight(), "a second release of the same permit frees nothing more");
    }

    @Test
    void aCallThatGetsNoSlotWithinTheQueueWaitIsRefused() throws Exception {
        var limiter = new ConcurrencyLimiter(vertx, fixed(1, 4, Duration.ofMillis(50)));
        assertTrue(limiter.acquire().succeeded());
        Future<ConcurrencyLimiter.Permit> waiting = limiter.acquire();
        await(waiting);
        assertInstanceOf(ConcurrencyLimiter.Overloaded.class, waiting.cause());
        assertEquals(1, limiter.inFlight());
    }

    @Test
    void aCallIsRefusedAtOnceWhenAtTheServicesPaceNoSlotWouldComeWithinTheQueueWait() throws Exception {
        var limiter = new ConcurrencyLimiter(vertx, fixed(1, 4, Duration.ofMillis(5)));
        // calls of at least 12 ms each, enough for the limiter to have measured the service's pace
        for (int call = 0; call < 15; call++) {
            ConcurrencyLimiter.Permit permit = limiter.acquire().result();
            Thread.sleep(12);
            permit.answered();
            permit.release();
        }
        assertTrue(limiter.acquire().succeeded());
        Future<ConcurrencyLimiter.Permit> refused = limiter.acquire();
        assertTrue(refused.failed(), "refused without waiting: a slot frees every 12 ms at best, the queue waits 5");
        assertInstanceOf(ConcurrencyLimiter.Overloaded.class, refused.cause());
    }

    private static void await(Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().handle((result, failure) -> null).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private static GatewayConfig.Concurrency fixed(int limit, int queue, Duration queueWait) {
        return new FixedLimit(limit, queue, queueWait);
    }

    /**
     * A record, not an anonymous class: the interface's constraints make Quarkus's build refuse an anonymous
     * implementation anywhere in the test classes, which fails every {@code @QuarkusTest} of the module.
     */
    private record FixedLimit(int limit, int queue, Duration queueWait) implements GatewayConfig.Concurrency {

        @Override
        public int initialLimit() {
            return limit;
        }

        @Override
        public int minLimit() {
            return limit;
        }

        @Override
        public int maxLimit() {
            return limit;
        }

        @Override
        public double latencyTolerance() {
            return 1.5;
        }
    }
}
