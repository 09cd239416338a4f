package org.corridor.cases.work;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs work that drains a queue, one run at a time: whoever finds it idle runs it, and a call while it runs makes that
 * run look once more before it stops, so a wake-up that arrives as the queue is found empty is never lost.
 */
public final class DrainingRuns {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    /** Runs {@code drain} now, or has the run under way look again; a failure ends the run and reaches the caller. */
    public void run(Runnable drain) {
        wanted.set(true);
        while (wanted.get() && running.compareAndSet(false, true)) {
            try {
                wanted.set(false);
                drain.run();
            } finally {
                running.set(false);
            }
        }
    }
}
