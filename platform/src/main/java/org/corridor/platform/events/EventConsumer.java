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
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Feeds the events of the subscribed topics to the service's {@link EventHandler}s, one transaction per event
 * together with its processed-event record. Offsets are committed only after the effect, and a failed event is
 * retried (its partition paused at it) rather than skipped, so nothing is lost and nothing is applied twice.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final Map<String, EventHandler> handlers;
    private final Map<String, Object> kafkaConfig;
    private final ProcessedEvents processedEvents;
    private final String groupId;

    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public EventConsumer(Instance<EventHandler> handlers,
                         @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                         ProcessedEvents processedEvents,
                         @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.handlers = handlers.stream().collect(Collectors.toMap(EventHandler::topic, Function.identity()));
        this.kafkaConfig = kafkaConfig;
        this.processedEvents = processedEvents;
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
            consumer.subscribe(handlers.keySet());
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
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
        } catch (WakeupException | InterruptedException e) {
            if (running) {
                LOG.error("event consumer stopped unexpectedly", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies one record; false when it must be retried. */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        UUID eventId;
        try {
            event = CloudEventCodec.decode(record.value());
            eventId = UUID.fromString(event.getId());
        } catch (RuntimeException e) {
            // not a Corridor event: retrying cannot fix it, so it is skipped and reported by position only
            LOG.errorf("skipping an undecodable record at %s-%d offset %d", record.topic(), record.partition(), record.offset());
            return true;
        }
        Object requestId = event.getExtension(CloudEventCodec.REQUEST_ID_EXTENSION);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId.toString());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (processedEvents.recordFirstDelivery(eventId, event.getType())) {
                    handlers.get(record.topic()).handle(event);
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("could not apply event %s (%s): %s; will retry", eventId, event.getType(), e.getClass().getName());
            return false;
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
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
