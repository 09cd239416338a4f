package org.corridor.cases.subscription.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryScheduleTest {

    static final RetrySchedule RETRIES = new RetrySchedule(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofHours(24));
    static final Instant RAISED = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void theDelayDoublesAfterEachFailureUpToTheCap() {
        Instant now = RAISED.plusSeconds(60);
        assertEquals(Optional.of(now.plusSeconds(5)), RETRIES.nextAttempt(1, RAISED, now));
        assertEquals(Optional.of(now.plusSeconds(10)), RETRIES.nextAttempt(2, RAISED, now));
        assertEquals(Optional.of(now.plusSeconds(320)), RETRIES.nextAttempt(7, RAISED, now));
        assertEquals(Optional.of(now.plusSeconds(600)), RETRIES.nextAttempt(8, RAISED, now));
        assertEquals(Optional.of(now.plusSeconds(600)), RETRIES.nextAttempt(1_000, RAISED, now));
    }

    @Test
    void noAttemptIsScheduledAfterTheWindow() {
        Instant windowEnd = RAISED.plus(Duration.ofHours(24));
        assertEquals(Optional.of(windowEnd), RETRIES.nextAttempt(1_000, RAISED, windowEnd.minusSeconds(600)));
        assertEquals(Optional.empty(), RETRIES.nextAttempt(1_000, RAISED, windowEnd.minusSeconds(599)));
    }
}
