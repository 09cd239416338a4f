package org.corridor.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 *
 * <p>Only durable events are published. A commit can be visible before it is durable everywhere it must be: a
 * session whose wait for the synchronous standby was cancelled, or a primary restarted after a crash, shows
 * transactions the standby never received, and a failover would lose them while consumers kept their events. So
 * after reading a batch the relay commits a transaction of its own that writes to the WAL: that commit waits for the
 * local WAL flush and for the synchronous standby up to its own commit record, which lies after the commit record of
 * every row the read saw (the WAL is one sequence), and only then does the batch go to Kafka.
 *
 * <p>The backlog (events not yet published) and the age of its oldest event are gauges,
 * {@code corridor.outbox.backlog} and {@code corridor.outbox.oldest.age}.
 */
@ApplicationScoped
@IfBuildProperty(name = "corridor.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x436f727269646f72L;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final String source;
    private final Duration pollInterval;
    private final int batchSize;

    private KafkaProducer<String, byte[]> producer;
    private ScheduledExecutorService executor;
    private int consecutiveFailures;
    private long nextAttemptNanos;
    private volatile boolean stopping;

    public OutboxRelay(DataSource dataSource, MeterRegistry registry,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName,
                       @ConfigProperty(name = "corridor.outbox.poll-interval", defaultValue = "PT0.1S") Duration pollInterval,
                       @ConfigProperty(name = "corridor.outbox.batch-size", defaultValue = "500") int batchSize) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.source = "/corridor/" + applicationName;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        Gauge.builder("corridor.outbox.backlog", this, relay -> relay.backlog("count(*)"))
                .description("Events written to the outbox and not yet published")
                .register(registry);
        Gauge.builder("corridor.outbox.oldest.age", this,
                        relay -> relay.backlog("coalesce(extract(epoch FROM now() - min(occurred_at)), 0)"))
                .description("How long the oldest event not yet published has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    void start(@Observes StartupEvent startup) {
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        executor = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name("outbox-relay").daemon().unstarted(task));
        executor.scheduleWithFixedDelay(this::relay, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the batch in flight be published and marked (the service is still up: shutdown waits for it), then stops. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (executor != null) {
            stopping = true;
            executor.shutdown();
            if (!executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow(); // that batch stays unmarked and goes out again after the restart
            }
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void relay() {
        if (System.nanoTime() < nextAttemptNanos) {
            return;
        }
        try {
            while (publishPending() == batchSize && !stopping) {
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

    /**
     * Publishes one batch of pending events and returns how many went out. The lock is held by the session, not by a
     * transaction, since reading, the durability barrier and marking are transactions of their own.
     */
    int publishPending() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!relayLock(connection, "pg_try_advisory_lock")) {
                return 0;
            }
            try {
                return publishPending(connection);
            } finally {
                // should this fail, the connection is broken, and its session's locks went with it
                relayLock(connection, "pg_advisory_unlock");
            }
        }
    }

    private static boolean relayLock(Connection connection, String function) throws SQLException {
        try (var lock = connection.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet acquired = lock.executeQuery()) {
                return acquired.next() && acquired.getBoolean(1);
            }
        }
    }

    private int publishPending(Connection connection) throws Exception {
        List<Long> ids = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
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
                    records.add(record);
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        awaitDurability(connection);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            sends.add(producer.send(record));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        markPublished(connection, ids);
        return ids.size();
    }

    /**
     * Commits a transaction that writes to the WAL, so that its commit waits until everything committed before it is
     * durable. It must write: a transaction that only takes an id ({@code txid_current()}) commits without waiting for
     * the flush or the standby. A transactional logical message is the smallest such write, and it touches no table.
     */
    private static void awaitDurability(Connection connection) throws SQLException {
        try (var barrier = connection.prepareStatement("SELECT pg_logical_emit_message(true, 'corridor.outbox-relay', '')")) {
            barrier.executeQuery().close();
        }
    }

    private static void markPublished(Connection connection, List<Long> ids) throws SQLException {
        try (var update = connection.prepareStatement("UPDATE outbox_event SET published_at = now() WHERE id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            update.executeUpdate();
        }
    }

    /** An aggregate of the unpublished events; NaN while the database cannot say. */
    private double backlog(String aggregate) {
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT " + aggregate + " FROM outbox_event WHERE published_at IS NULL");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getDouble(1);
        } catch (SQLException e) {
            return Double.NaN;
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
