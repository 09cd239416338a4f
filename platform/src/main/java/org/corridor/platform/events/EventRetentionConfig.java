package org.corridor.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the outbox and the processed-event log keep their rows (see {@link EventRetention}). */
@ConfigMapping(prefix = "corridor.event-retention")
public interface EventRetentionConfig {

    /** Published outbox events older than this are deleted; Kafka keeps them for good. */
    @WithDefault("P7D")
    Duration publishedEvents();

    /**
     * Processed-event ids older than this are deleted. It must cover every redelivery: consumers keep their positions
     * with their effects, so an event comes again only when the relay publishes it twice (it crashed between sending
     * and marking), shortly after the first time and never once its outbox row is gone; hence at least
     * {@link #publishedEvents()}.
     */
    @WithDefault("P30D")
    Duration processedEvents();

    /** Rows deleted per statement, so that no deletion holds its locks for long. */
    @WithDefault("1000")
    int batchSize();
}
