package org.corridor.cases.subscription.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after {@code firstDelay}, doubled after each failure up to {@code maxDelay},
 * for as long as the next attempt falls within {@code giveUpAfter} of the message; then never.
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {

    /** The next attempt after the {@code failedAttempts}-th failure, or empty once the window is over. */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant messageCreated, Instant now) {
        Duration delay = firstDelay;
        for (int attempt = 1; attempt < failedAttempts && delay.compareTo(maxDelay) < 0; attempt++) {
            delay = delay.multipliedBy(2);
        }
        Instant next = now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
        return next.isAfter(messageCreated.plus(giveUpAfter)) ? Optional.empty() : Optional.of(next);
    }
}
