package org.corridor.platform.events;

import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.corridor.platform.request.RequestIds;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Feeds the events of the subscribed topics to the service's {@link EventHandler}s, each together with its
 * processed-event record. The events of one poll are applied in one transaction (one commit instead of hundreds when
 * a backlog is read); should any of them fail, that transaction is rolled back and they are applied one transaction
 * each. Where each partition stands is kept in the same transactions ({@link ConsumedOffsets}) and read back whenever
 * partitions are assigned (they stay paused until it could be read), so an emptied database is rebuilt from the start
 * of every topic; offsets are also committed to Kafka, for monitoring only.
 *
 * <p>The consumer heals: its thread ends only at shutdown. A failure of the broker or the database, anywhere, is
 * retried with capped exponential backoff from the stored position, as long as it lasts; a Kafka consumer in a state
 * it cannot leave is closed and replaced. An event that still fails after {@value #ATTEMPTS} attempts while the
 * database answers, or a record that is not a Corridor event, goes to the topic's dead-letter topic
 * ({@link DeadLetters}) and the partition moves past it. Progress shows in {@link ConsumerProgress}.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final int ATTEMPTS = 5;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);
    private static final Duration BROKER_CALL_TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, EventHandler> handlers;
    private final Map<String, Object> kafkaConfig;
    private final ProcessedEvents processedEvents;
    private final ConsumedOffsets consumedOffsets;
    private final DeadLetters deadLetters;
    private final InfrastructureFailures infrastructureFailures;
    private final ConsumerProgress progress;
    private final EventTracing eventTracing;
    private final String groupId;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));
    /** Assigned partitions not yet moved to their recorded position: paused until they are. */
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    /** The failed attempts at the record a partition is stopped at. */
    private final Map<TopicPartition, FailedAttempts> failedAttempts = new HashMap<>();

    private volatile KafkaConsumer<String, byte[]> consumer;
    private long lagDueAt = System.nanoTime();
    private Thread thread;

    private record FailedAttempts(long offset, int count) {
    }

    public EventConsumer(Instance<EventHandler> handlers,
                         @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                         ProcessedEvents processedEvents,
                         ConsumedOffsets consumedOffsets,
                         DeadLetters deadLetters,
                         InfrastructureFailures infrastructureFailures,
                         ConsumerProgress progress,
                         EventTracing eventTracing,
                         @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.handlers = handlers.stream().collect(Collectors.toMap(EventHandler::topic, Function.identity()));
        this.kafkaConfig = kafkaConfig;
        this.processedEvents = processedEvents;
        this.consumedOffsets = consumedOffsets;
        this.deadLetters = deadLetters;
        this.infrastructureFailures = infrastructureFailures;
        this.progress = progress;
        this.eventTracing = eventTracing;
        this.groupId = applicationName;
    }

    void start(@Observes StartupEvent startup) {
        if (handlers.isEmpty()) {
            return;
        }
        thread = Thread.ofPlatform().name("event-consumer").daemon().start(this::consumeUntilShutdown);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (thread != null) {
            stopping.countDown();
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
            thread.join(Duration.ofSeconds(10));
        }
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Sleeps, unless shutdown comes first. */
    private void pause(Duration delay) {
        try {
            stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }

    /** One Kafka consumer after another, each until it breaks; only the shutdown ends this. */
    private void consumeUntilShutdown() {
        while (!stopped()) {
            try {
                consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
                consumer.subscribe(handlers.keySet(), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        consumer.pause(partitions);
                        unpositioned.addAll(partitions);
                        progress.assigned(partitions);
                    }

                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        forget(partitions);
                    }
                });
                consumeWithThisConsumer();
            } catch (WakeupException e) {
                if (!stopped()) {
                    LOG.error("event consumer woken up unexpectedly; starting a new Kafka consumer");
                }
            } catch (RuntimeException | Error e) {
                LOG.errorf("event consumer failed (%s); starting a new Kafka consumer",
                        DeadLetters.reason(e, "unexpected failure"));
                progress.failed();
                pause(backoff.next());
            } finally {
                closeConsumer();
            }
        }
    }

    private void closeConsumer() {
        KafkaConsumer<String, byte[]> closing = consumer;
        if (closing == null) {
            return;
        }
        consumer = null;
        try {
            forget(closing.assignment());
            closing.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("closing the Kafka consumer failed (%s)", e.getClass().getName());
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        unpositioned.removeAll(partitions);
        partitions.forEach(failedAttempts::remove);
        progress.revoked(partitions);
    }

    /**
     * Polls and applies until shutdown. What the broker or the database fail is retried here with backoff; what
     * escapes means the Kafka consumer itself is broken.
     */
    private void consumeWithThisConsumer() {
        while (!stopped()) {
            boolean progressed;
            try {
                // polled even when positioning failed: the paused partitions yield nothing, but the group keeps us
                boolean positioned = positionUnpositioned();
                boolean applied = applyPolled();
                measureLag();
                progressed = positioned && applied;
            } catch (RetriableException e) {
                LOG.warnf("the broker failed the event consumer (%s); will retry", e.getClass().getName());
                progress.failed();
                progressed = false;
            }
            if (progressed) {
                progress.succeeded();
                backoff.reset();
            } else {
                pause(backoff.next());
            }
        }
    }

    /** Seeks newly assigned partitions to their recorded positions and resumes them; false when it cannot yet. */
    private boolean positionUnpositioned() {
        if (unpositioned.isEmpty()) {
            return true;
        }
        Map<TopicPartition, Long> recorded;
        try {
            recorded = consumedOffsets.of(unpositioned);
        } catch (RuntimeException e) {
            LOG.warnf("could not read where the assigned partitions stand (%s); will retry", e.getClass().getName());
            progress.failed();
            return false;
        }
        for (TopicPartition partition : unpositioned) {
            Long next = recorded.get(partition);
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, next);
            }
        }
        consumer.resume(unpositioned);
        unpositioned.clear();
        return true;
    }

    /** Polls once and applies what came; false when a record failed, and its partition is to be read again from it. */
    private boolean applyPolled() {
        var records = consumer.poll(POLL_TIMEOUT);
        if (records.isEmpty()) {
            return true;
        }
        if (applyTogether(records)) {
            commitForMonitoring(nextOffsets(records));
            return true;
        }
        return applyOneByOne(records);
    }

    /** End offset minus position of each positioned partition, at most once a {@link #LAG_INTERVAL}. */
    private void measureLag() {
        long now = System.nanoTime();
        if (now - lagDueAt < 0) {
            return;
        }
        Set<TopicPartition> positioned = new HashSet<>(consumer.assignment());
        positioned.removeAll(unpositioned);
        Map<TopicPartition, Long> lag = new HashMap<>();
        consumer.endOffsets(positioned, BROKER_CALL_TIMEOUT).forEach((partition, end) ->
                lag.put(partition, Math.max(0, end - consumer.position(partition, BROKER_CALL_TIMEOUT))));
        progress.lag(lag);
        lagDueAt = now + LAG_INTERVAL.toNanos();
    }

    private void commitForMonitoring(Map<TopicPartition, OffsetAndMetadata> offsets) {
        consumer.commitAsync(offsets, (committed, e) -> {
            if (e != null) {
                LOG.debugf("could not commit offsets to Kafka (%s); they are kept in the database", e.getClass().getName());
            }
        });
    }

    /**
     * Applies the records one transaction each, in order; a partition stops at the first record that fails and is
     * read again from it after a pause, while the others go on. False when any failed.
     */
    private boolean applyOneByOne(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        Set<TopicPartition> failed = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            var partition = new TopicPartition(record.topic(), record.partition());
            if (failed.contains(partition)) {
                continue;
            }
            if (applyOrDeadLetter(record)) {
                applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } else {
                consumer.seek(partition, record.offset());
                failed.add(partition);
            }
        }
        if (!applied.isEmpty()) {
            commitForMonitoring(applied);
        }
        return failed.isEmpty();
    }

    /** Applies all the records of a poll in one transaction; false when any failed or is not an event, and none was applied. */
    private boolean applyTogether(ConsumerRecords<String, byte[]> records) {
        Map<String, List<CloudEvent>> byTopic = new LinkedHashMap<>();
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(decode(record));
            }
            QuarkusTransaction.requiringNew().run(() -> {
                byTopic.forEach(this::applyFirstDeliveries);
                nextOffsets(records).forEach((partition, next) -> consumedOffsets.record(partition, next.offset()));
            });
        } catch (RuntimeException e) {
            LOG.warnf("%d events could not be applied together (%s); applying them one by one", records.count(),
                    e.getClass().getName());
            return false;
        }
        byTopic.forEach((topic, events) -> progress.applied(topic, events.getLast().getTime()));
        records.partitions().forEach(failedAttempts::remove);
        return true;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            var inPartition = records.records(partition);
            next.put(partition, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
        }
        return next;
    }

    /**
     * Applies one record in a transaction of its own, or puts it on the dead-letter topic when it is not an event or
     * has failed {@link #ATTEMPTS} times while the database answered; false when it must be retried.
     */
    private boolean applyOrDeadLetter(ConsumerRecord<String, byte[]> record) {
        var partition = new TopicPartition(record.topic(), record.partition());
        CloudEvent event;
        try {
            event = decode(record);
        } catch (RuntimeException e) {
            return deadLetter(record, "not a Corridor event (a CloudEvent with a UUID id)", e);
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                applyFirstDeliveries(record.topic(), List.of(event));
                consumedOffsets.record(partition, record.offset() + 1);
            });
        } catch (RuntimeException e) {
            if (infrastructureFailures.caused(e)) {
                LOG.warnf("could not apply event %s (%s): the database is unreachable (%s); will retry",
                        event.getId(), event.getType(), e.getClass().getName());
                progress.failed();
                return false;
            }
            int attempts = attemptFailed(partition, record.offset());
            LOG.errorf("could not apply event %s (%s), attempt %d of %d: %s", event.getId(), event.getType(),
                    attempts, ATTEMPTS, DeadLetters.reason(e, "failed"));
            return attempts >= ATTEMPTS
                    && deadLetter(record, "could not be applied in " + ATTEMPTS + " attempts", e);
        }
        failedAttempts.remove(partition);
        progress.applied(record.topic(), event.getTime());
        return true;
    }

    private int attemptFailed(TopicPartition partition, long offset) {
        FailedAttempts before = failedAttempts.get(partition);
        int count = before != null && before.offset() == offset ? before.count() + 1 : 1;
        failedAttempts.put(partition, new FailedAttempts(offset, count));
        return count;
    }

    /** Publishes the record to the dead-letter topic, then records the partition's position past it; false when either failed. */
    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String description, Throwable failure) {
        var partition = new TopicPartition(record.topic(), record.partition());
        String reason = DeadLetters.reason(failure, description);
        try {
            deadLetters.publish(record, reason);
            QuarkusTransaction.requiringNew().run(() -> consumedOffsets.record(partition, record.offset() + 1));
        } catch (RuntimeException e) {
            LOG.warnf("could not dead-letter the record at %s offset %d (%s); will retry", partition, record.offset(),
                    e.getClass().getName());
            progress.failed();
            return false;
        }
        LOG.errorf("dead-lettered the record at %s offset %d to %s: %s", partition, record.offset(),
                CorridorTopics.deadLetterOf(record.topic()), reason);
        failedAttempts.remove(partition);
        progress.deadLettered(record.topic());
        return true;
    }

    /** The record's event; throws for a record that is not a Corridor event, which retrying cannot fix. */
    private static CloudEvent decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = CloudEventCodec.decode(record.value());
        UUID.fromString(event.getId());
        return event;
    }

    /** In the caller's transaction: applies the events not applied before, in order, and records them as applied. */
    private void applyFirstDeliveries(String topic, List<CloudEvent> events) {
        List<CloudEvent> firstDeliveries = processedEvents.recordFirstDeliveries(events);
        EventHandler handler = handlers.get(topic);
        if (handler instanceof EventBatchHandler batchHandler) {
            eventTracing.applyingTogether(topic, firstDeliveries);
            batchHandler.handleAll(firstDeliveries);
            return;
        }
        for (CloudEvent event : firstDeliveries) {
            Object requestId = event.getExtension(CloudEventCodec.REQUEST_ID_EXTENSION);
            if (requestId != null) {
                MDC.put(RequestIds.MDC_KEY, requestId.toString());
            }
            try (var applying = eventTracing.applying(topic, event)) {
                handler.handle(event);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-event-consumer");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_CALL_TIMEOUT.toMillis());
        return config;
    }
}
