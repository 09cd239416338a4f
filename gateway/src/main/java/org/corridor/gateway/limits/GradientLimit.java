package org.corridor.gateway.limits;

import java.time.Duration;

/**
 * How many calls a service may have in flight, learned from its latency (after the gradient limit of Netflix's
 * concurrency-limits). Latencies are averaged over short windows; each window's average is compared with the
 * service's uncrowded latency (the baseline: the lowest window, drifting up while the service is not crowded so that
 * one that has become slower for good is judged by its new pace). While the window is within {@code tolerance} times the baseline, the
 * limit grows by a few calls each window: the service has headroom. Past it, the limit shrinks in proportion (at most
 * by half a window), so that calls wait at the gateway's door, where they can be turned away at once, instead of in
 * the service's queues, where they only make every other call slower. Not thread-safe: its owner serialises calls.
 */
final class GradientLimit {

    /** A window closes once it has lasted this long and seen {@link #WINDOW_SAMPLES} calls. */
    private static final long WINDOW_NANOS = Duration.ofMillis(100).toNanos();
    /** A window with fewer calls than this by {@link #WINDOW_MAX_NANOS} says too little, and is dropped. */
    private static final int WINDOW_SAMPLES = 10;
    private static final long WINDOW_MAX_NANOS = Duration.ofSeconds(1).toNanos();
    /** The baseline rises towards slower uncrowded windows over about this many of them. */
    private static final double BASELINE_WINDOWS = 600;
    /** Calls allowed beyond what the gradient gives, so the limit can grow and the service never idles between calls. */
    private static final double HEADROOM = 4;
    /** Weight of a window's verdict in the new limit: a few windows decide, not one. */
    private static final double SMOOTHING = 0.2;

    private final int min;
    private final int max;
    private final double tolerance;
    private double limit;
    private double baselineNanos;
    private double latestNanos;

    private long windowStart = -1;
    private long windowSum;
    private int windowCount;
    private int windowMaxInFlight;

    GradientLimit(int initial, int min, int max, double tolerance) {
        if (min < 1 || min > initial || initial > max) {
            throw new IllegalArgumentException("corridor.gateway.concurrency needs 1 <= min-limit <= initial-limit <= max-limit, not "
                    + min + ", " + initial + ", " + max);
        }
        if (tolerance < 1) {
            throw new IllegalArgumentException("corridor.gateway.concurrency.latency-tolerance below 1 would shrink the limit at the service's usual latency");
        }
        this.min = min;
        this.max = max;
        this.tolerance = tolerance;
        this.limit = initial;
    }

    int current() {
        return (int) limit;
    }

    /** The average latency of the last window; zero before the first. */
    long latestNanos() {
        return (long) latestNanos;
    }

    /** The service's uncrowded latency the windows are measured against; zero before the first window. */
    Duration baseline() {
        return Duration.ofNanos((long) baselineNanos);
    }

    /**
     * One call answered.
     *
     * @param latencyNanos from sending the call to the service's answer
     * @param inFlight     calls in flight as it was answered, this one included
     * @param now          {@link System#nanoTime()}
     */
    void sample(long latencyNanos, int inFlight, long now) {
        if (windowStart < 0) {
            windowStart = now;
        }
        windowSum += latencyNanos;
        windowCount++;
        windowMaxInFlight = Math.max(windowMaxInFlight, inFlight);
        long elapsed = now - windowStart;
        if (elapsed >= WINDOW_NANOS && windowCount >= WINDOW_SAMPLES) {
            adapt((double) windowSum / windowCount, windowMaxInFlight);
            startWindow(now);
        } else if (elapsed >= WINDOW_MAX_NANOS) {
            startWindow(now);
        }
    }

    private void adapt(double latency, int maxInFlight) {
        latestNanos = latency;
        boolean crowded = maxInFlight >= limit / 2;
        if (baselineNanos == 0 || latency < baselineNanos) {
            baselineNanos = latency;
        } else if (!crowded) {
            // up only slowly, and never from a crowd the limit let in: however long an overload lasts, it must not
            // teach the limit that its own queueing is the service's pace
            baselineNanos += (latency - baselineNanos) / BASELINE_WINDOWS;
        }
        if (!crowded) {
            // the callers, not the service, decided this window's latency; it says nothing about a higher limit
            return;
        }
        double gradient = Math.max(0.5, Math.min(1.0, tolerance * baselineNanos / latency));
        double next = limit * gradient + HEADROOM;
        limit = Math.max(min, Math.min(max, limit * (1 - SMOOTHING) + next * SMOOTHING));
    }

    private void startWindow(long now) {
        windowStart = now;
        windowSum = 0;
        windowCount = 0;
        windowMaxInFlight = 0;
    }
}
