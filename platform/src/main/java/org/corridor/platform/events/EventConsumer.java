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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Feeds the events of the subscribed topics to the service's {@link EventHandler}s, each together with its
 * processed-event record. The events of one poll are applied in one transaction (one commit instead of hundreds when
 * a backlog is read); should any of them fail, that transaction is rolled back and they are applied one transaction
 * each. Offsets are committed only after the effect, and a failed event is retried (its partition paused at it)
 * rather than skipped, so nothing is lost and nothing is applied twice. Where each partition stands is kept in the
 * same transactions ({@link ConsumedOffsets}) and read back whenever partitions are assigned, so an emptied database
 * is rebuilt from the start of every topic; offsets are also committed to Kafka, for monitoring only.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Map<String, EventHandler> handlers;
    private final Map<String, Object> kafkaConfig;
    private final ProcessedEvents processedEvents;
    private final ConsumedOffsets consumedOffsets;
    private final EventTracing eventTracing;
    private final String groupId;

    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public EventConsumer(Instance<EventHandler> handlers,
                         @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                         ProcessedEvents processedEvents,
                         ConsumedOffsets consumedOffsets,
                         EventTracing eventTracing,
                         @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.handlers = handlers.stream().collect(Collectors.toMap(EventHandler::topic, Function.identity()));
        this.kafkaConfig = kafkaConfig;
        this.processedEvents = processedEvents;
        this.consumedOffsets = consumedOffsets;
        this.eventTracing = eventTracing;
        this.groupId = applicationName;
    }

    void start(@Observes StartupEvent startup) {
        if (handlers.isEmpty()) {
            return;
        }
        running = true;
        consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
        thread = Thread.ofPlatform().name("event-consumer").daemon().start(this::consume);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (thread != null) {
            running = false;
            consumer.wakeup();
            thread.join(Duration.ofSeconds(10));
        }
    }

    private void consume() {
        try {
            consumer.subscribe(handlers.keySet(), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    resumeFromRecordedPositions(partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                if (applyTogether(records)) {
                    consumer.commitSync(nextOffsets(records));
                } else {
                    applyOneByOne(records);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            if (running) {
                LOG.error("event consumer stopped unexpectedly", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void resumeFromRecordedPositions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> recorded = consumedOffsets.of(partitions);
        for (TopicPartition partition : partitions) {
            Long next = recorded.get(partition);
            if (next == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, next);
            }
        }
    }

    /**
     * Applies the records one transaction each, in order; a partition stops at the first record that fails and is
     * read again from it after a pause, while the others go on.
     */
    private void applyOneByOne(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        Set<TopicPartition> failed = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            var partition = new TopicPartition(record.topic(), record.partition());
            if (failed.contains(partition)) {
                continue;
            }
            if (apply(record)) {
                applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } else {
                consumer.seek(partition, record.offset());
                failed.add(partition);
            }
        }
        if (!applied.isEmpty()) {
            consumer.commitSync(applied);
        }
        if (!failed.isEmpty()) {
            Thread.sleep(RETRY_DELAY);
        }
    }

    /** Applies all the records of a poll in one transaction; false when any failed, and none was applied. */
    private boolean applyTogether(ConsumerRecords<String, byte[]> records) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Map<String, List<CloudEvent>> byTopic = new LinkedHashMap<>();
                records.forEach(record -> decode(record).ifPresent(
                        event -> byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>()).add(event)));
                byTopic.forEach(this::applyFirstDeliveries);
                nextOffsets(records).forEach((partition, next) -> consumedOffsets.record(partition, next.offset()));
            });
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("%d events could not be applied together (%s); applying them one by one", records.count(),
                    e.getClass().getName());
            return false;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            var inPartition = records.records(partition);
            next.put(partition, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
        }
        return next;
    }

    /** Applies one record in a transaction of its own; false when it must be retried. */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        Optional<CloudEvent> event = decode(record);
        if (event.isEmpty()) {
            return true;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                applyFirstDeliveries(record.topic(), List.of(event.get()));
                consumedOffsets.record(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            });
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("could not apply event %s (%s): %s; will retry", event.get().getId(), event.get().getType(),
                    e.getClass().getName());
            return false;
        }
    }

    /** The record's event; empty for a record that is not a Corridor event, which retrying cannot fix. */
    private static Optional<CloudEvent> decode(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = CloudEventCodec.decode(record.value());
            UUID.fromString(event.getId());
            return Optional.of(event);
        } catch (RuntimeException e) {
            LOG.errorf("skipping an undecodable record at %s-%d offset %d", record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
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
        return config;
    }
}
