package org.corridor.platform.events;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox events to Kafka in the order they were written, then marks them published. A failed batch is
 * retried with backoff until the broker takes it, so an event written while Kafka is down goes out once it is back.
 * Delivery is at least once; consumers drop duplicates by event id. One relay runs at a time across instances (a
 * PostgreSQL advisory lock), which keeps each key's events in order.
 */
@ApplicationScoped
@IfBuildProperty(name = "corridor.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x436f727269646f72L;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final String source;
    private final Duration pollInterval;
    private final int batchSize;

    private KafkaProducer<String, byte[]> producer;
    private ScheduledExecutorService executor;
    private int consecutiveFailures;
    private long nextAttemptNanos;

    public OutboxRelay(DataSource dataSource,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName,
                       @ConfigProperty(name = "corridor.outbox.poll-interval", defaultValue = "PT0.1S") Duration pollInterval,
                       @ConfigProperty(name = "corridor.outbox.batch-size", defaultValue = "500") int batchSize) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.source = "/corridor/" + applicationName;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    void start(@Observes StartupEvent startup) {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        executor = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name("outbox-relay").daemon().unstarted(task));
        executor.scheduleWithFixedDelay(this::relay, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            executor.shutdownNow();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void relay() {
        if (System.nanoTime() < nextAttemptNanos) {
            return;
        }
        try {
            while (publishPending() == batchSize) {
                // a full batch: more may be waiting
            }
            if (consecutiveFailures > 0) {
                LOG.infof("outbox relay publishing again after %d failed attempts", consecutiveFailures);
            }
            consecutiveFailures = 0;
        } catch (Exception e) {
            consecutiveFailures++;
            long backoff = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(consecutiveFailures, 6));
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
            if (consecutiveFailures == 1 || consecutiveFailures % 50 == 0) {
                LOG.warnf("outbox relay could not publish (%s, attempt %d); retrying", e.getClass().getSimpleName(), consecutiveFailures);
            }
        }
    }

    /** Publishes one batch of pending events and returns how many went out. */
    int publishPending() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int published = publishPending(connection);
                connection.commit();
                return published;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int publishPending(Connection connection) throws Exception {
        try (var lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet acquired = lock.executeQuery()) {
                if (!acquired.next() || !acquired.getBoolean(1)) {
                    return 0;
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (var pending = connection.prepareStatement("""
                SELECT id, event_id, topic, record_key, type, subject, payload::text, request_id, occurred_at, traceparent, tracestate
                FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT ?""")) {
            pending.setInt(1, batchSize);
            try (ResultSet rows = pending.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    byte[] event = CloudEventCodec.encode(rows.getString(2), source, rows.getString(5), rows.getString(6),
                            rows.getObject(9, OffsetDateTime.class), rows.getString(8), rows.getString(10), rows.getString(11),
                            rows.getString(7));
                    var record = new ProducerRecord<>(rows.getString(3), rows.getString(4), event);
                    record.headers().add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                    sends.add(producer.send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        markPublished(connection, ids);
        return ids.size();
    }

    private static void markPublished(Connection connection, List<Long> ids) throws SQLException {
        try (var update = connection.prepareStatement("UPDATE outbox_event SET published_at = now() WHERE id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, source.substring("/corridor/".length()) + "-outbox-relay");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        return config;
    }
}
