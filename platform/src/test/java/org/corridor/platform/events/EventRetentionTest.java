package org.corridor.platform.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventRetentionTest {

    @Test
    void refusesToForgetProcessedEventsWhileTheirOutboxRowsMayStillBeRepublished() {
        assertThrows(IllegalStateException.class,
                () -> new EventRetention(null, retention(Duration.ofDays(7), Duration.ofDays(1))).validate(null));
        assertDoesNotThrow(() -> new EventRetention(null, retention(Duration.ofDays(7), Duration.ofDays(7))).validate(null));
    }

    static EventRetentionConfig retention(Duration published, Duration processed) {
        return new EventRetentionConfig() {
            @Override
            public Duration publishedEvents() {
                return published;
            }

            @Override
            public Duration processedEvents() {
                return processed;
            }

            @Override
            public int batchSize() {
                return 1000;
            }
        };
    }
}
