package org.corridor.gateway.limits;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.corridor.gateway.config.GatewayConfig;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calls one service may have in flight ({@link GradientLimit}), and a short queue in front: a call beyond the
 * limit waits at most {@code queue-wait} for a slot, and one that finds the queue full, or so long that at the
 * service's present pace no slot would come within that time, or waits in vain, is {@link Overloaded}. The gateway's own refusals are never the service's failures: they count nowhere but here.
 */
public final class ConcurrencyLimiter {

    private final Vertx vertx;
    private final GradientLimit limit;
    private final int queueCapacity;
    private final long queueWaitMillis;
    private final long queueWaitNanos;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;

    public ConcurrencyLimiter(Vertx vertx, GatewayConfig.Concurrency config) {
        this.vertx = vertx;
        this.limit = new GradientLimit(config.initialLimit(), config.minLimit(), config.maxLimit(), config.latencyTolerance());
        this.queueCapacity = config.queue();
        this.queueWaitMillis = Math.max(1, config.queueWait().toMillis());
        this.queueWaitNanos = config.queueWait().toNanos();
    }

    /**
     * A slot for one call, now or after a short wait; fails with {@link Overloaded} when none comes. Call it on the
     * request's Vert.x context: the slot is handed over there.
     */
    public Future<Permit> acquire() {
        synchronized (this) {
            if (queue.isEmpty() && inFlight < limit.current()) {
                inFlight++;
                return Future.succeededFuture(new Permit());
            }
            // a slot frees every latency / limit on average: a call that could not get one within queue-wait is
            // better refused now than after waiting for nothing
            long expectedWaitNanos = (queue.size() + 1) * limit.latestNanos() / limit.current();
            if (queue.size() >= queueCapacity || expectedWaitNanos > queueWaitNanos) {
                return Future.failedFuture(Overloaded.INSTANCE);
            }
            Waiting waiting = new Waiting(vertx.getOrCreateContext(), Promise.promise());
            queue.add(waiting);
            waiting.timer = vertx.setTimer(queueWaitMillis, fired -> giveUp(waiting));
            return waiting.promise.future();
        }
    }

    public synchronized int limit() {
        return limit.current();
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized Duration baseline() {
        return limit.baseline();
    }

    private void giveUp(Waiting waiting) {
        boolean stillWaiting;
        synchronized (this) {
            stillWaiting = queue.remove(waiting);
        }
        if (stillWaiting) {
            waiting.promise.fail(Overloaded.INSTANCE);
        }
    }

    private void release(long latencyNanos) {
        List<Waiting> admitted = new ArrayList<>();
        synchronized (this) {
            if (latencyNanos >= 0) {
                limit.sample(latencyNanos, inFlight, System.nanoTime());
            }
            inFlight--;
            while (!queue.isEmpty() && inFlight < limit.current()) {
                inFlight++;
                admitted.add(queue.poll());
            }
        }
        for (Waiting waiting : admitted) {
            vertx.cancelTimer(waiting.timer);
            waiting.context.runOnContext(ignored -> waiting.promise.complete(new Permit()));
        }
    }

    /** One call's slot: give it back once, when the call is over. */
    public final class Permit {

        private final long granted = System.nanoTime();
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile long latencyNanos = -1;

        /** The service has answered: the time it took is what the limit learns from. */
        public void answered() {
            latencyNanos = System.nanoTime() - granted;
        }

        /** Frees the slot; a call that was never {@link #answered()} (refused, failed, abandoned) teaches the limit nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                ConcurrencyLimiter.this.release(latencyNanos);
            }
        }
    }

    /** The service is at its limit and the queue in front of it full, or a slot did not come in time. */
    public static final class Overloaded extends RuntimeException {

        private static final Overloaded INSTANCE = new Overloaded();

        private Overloaded() {
            super("at the concurrency limit", null, false, false);
        }
    }

    private static final class Waiting {

        private final Context context;
        private final Promise<Permit> promise;
        private long timer;

        private Waiting(Context context, Promise<Permit> promise) {
            this.context = context;
            this.promise = promise;
        }
    }
}
