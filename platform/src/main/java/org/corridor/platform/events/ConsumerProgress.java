package org.corridor.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the {@link EventConsumer} makes progress, for its readiness check, and its metrics on {@code /q/metrics}:
 * <ul>
 * <li>{@code corridor_events_consumer_lag{topic, partition}}: end offset minus the consumer's position, per assigned
 * partition (NaN until first measured);</li>
 * <li>{@code corridor_events_consumer_last_applied_age_seconds{topic}}: now minus the time of the last event applied
 * from the topic (NaN before the first);</li>
 * <li>{@code corridor_events_dead_lettered_total{topic}}: records put on the topic's dead-letter topic.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsumerProgress {

    /** Failing for longer than this is not a passing hiccup. */
    static final Duration FAILING_TOLERATED = Duration.ofSeconds(5);
    /** Lagging behind without applying anything for longer than this is a stall. */
    static final Duration STALL_TOLERATED = Duration.ofSeconds(30);

    private static final long UNKNOWN = -1;

    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Gauge> lagGauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastAppliedEventMillis = new ConcurrentHashMap<>();
    private volatile Instant failingSince;
    private volatile Instant laggingSince;
    private volatile Instant lastApplied;

    public ConsumerProgress(MeterRegistry registry) {
        this.registry = registry;
    }

    void assigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            AtomicLong lag = lags.computeIfAbsent(partition, p -> new AtomicLong(UNKNOWN));
            lagGauges.computeIfAbsent(partition, p -> Gauge.builder("corridor.events.consumer.lag", lag,
                            value -> value.get() == UNKNOWN ? Double.NaN : value.get())
                    .description("Records in the partition not yet applied: its end offset minus the consumer's position")
                    .tags("topic", p.topic(), "partition", Integer.toString(p.partition()))
                    .strongReference(true)
                    .register(registry));
        }
    }

    void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Gauge gauge = lagGauges.remove(partition);
            if (gauge != null) {
                registry.remove(gauge);
            }
            lags.remove(partition);
        }
    }

    void lag(Map<TopicPartition, Long> lagByPartition) {
        lagByPartition.forEach((partition, lag) -> {
            AtomicLong value = lags.get(partition);
            if (value != null) {
                value.set(lag);
            }
        });
        boolean lagging = lags.values().stream().anyMatch(value -> value.get() > 0);
        if (!lagging) {
            laggingSince = null;
        } else if (laggingSince == null) {
            laggingSince = clock.instant();
        }
    }

    /** An event of the topic was applied; {@code eventTime} is its time, null when it has none. */
    void applied(String topic, OffsetDateTime eventTime) {
        lastApplied = clock.instant();
        if (eventTime == null) {
            return;
        }
        lastAppliedEventMillis.computeIfAbsent(topic, t -> {
            AtomicLong millis = new AtomicLong();
            Gauge.builder("corridor.events.consumer.last.applied.age", millis,
                            value -> (clock.millis() - value.get()) / 1000.0)
                    .description("Now minus the time of the last event applied from the topic")
                    .baseUnit("seconds")
                    .tags("topic", t)
                    .strongReference(true)
                    .register(registry);
            return millis;
        }).set(eventTime.toInstant().toEpochMilli());
    }

    /** A round of the consumer ended with everything it read applied (or nothing to read). */
    void succeeded() {
        failingSince = null;
    }

    /** The broker or the database failed the consumer: it backs off and tries again. */
    void failed() {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
    }

    void deadLettered(String topic) {
        Counter.builder("corridor.events.dead.lettered")
                .description("Records put on the topic's dead-letter topic because they could not be applied")
                .tags("topic", topic)
                .register(registry)
                .increment();
    }

    HealthCheckResponse readiness() {
        Instant now = clock.instant();
        var response = HealthCheckResponse.named("event-consumer").up();
        Instant failing = failingSince;
        if (failing != null) {
            response.withData("failingSince", failing.toString());
            if (failing.plus(FAILING_TOLERATED).isBefore(now)) {
                response.down();
            }
        }
        Instant lagging = laggingSince;
        Instant applied = lastApplied;
        if (lagging != null) {
            Instant progressSince = applied != null && applied.isAfter(lagging) ? applied : lagging;
            response.withData("lag", lags.values().stream().mapToLong(AtomicLong::get).filter(lag -> lag > 0).sum());
            if (progressSince.plus(STALL_TOLERATED).isBefore(now)) {
                response.withData("stalledSince", progressSince.toString()).down();
            }
        }
        return response.build();
    }
}
