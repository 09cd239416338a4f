package org.corridor.platform.events;

import java.time.Duration;

/** Capped exponential backoff: the first delay, doubled after each failure up to the cap, back to the first on success. */
final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration next;

    Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    Duration next() {
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(cap) > 0 ? cap : next.multipliedBy(2);
        return delay;
    }

    void reset() {
        next = first;
    }
}
