package org.corridor.platform.events;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts a record a consumer cannot apply on its topic's dead-letter topic ({@link CorridorTopics#deadLetterOf}): the
 * original key, value, timestamp and headers, plus the reason as the CloudEvents extension attribute
 * {@value #REASON_EXTENSION} (a Kafka header {@code ce_deadletterreason}, as the Kafka protocol binding carries
 * attributes). The value is left byte for byte as it came, so the record can be put back on its topic once mended.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON_EXTENSION = "deadletterreason";
    public static final String REASON_HEADER = "ce_" + REASON_EXTENSION;

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

    private final Map<String, Object> kafkaConfig;
    private final String clientId;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                       @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.kafkaConfig = kafkaConfig;
        this.clientId = applicationName + "-dead-letters";
    }

    /**
     * Returns once the broker holds the record on every in-sync replica; throws when it does not, and the caller must
     * then neither skip the record nor record its position past it.
     */
    public synchronized void publish(ConsumerRecord<String, byte[]> record, String reason) {
        var headers = new RecordHeaders(record.headers().toArray());
        headers.remove(REASON_HEADER);
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        var deadLetter = new ProducerRecord<>(CorridorTopics.deadLetterOf(record.topic()), null, record.timestamp(),
                record.key(), record.value(), headers);
        try {
            producer().send(deadLetter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // an idempotent producer can be left in a state it does not leave by itself: the next try starts afresh
            closeProducer();
            throw new IllegalStateException("could not publish to " + deadLetter.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing to " + deadLetter.topic(), e);
        }
    }

    /**
     * Why a record was dead-lettered, safe to publish and log: the class of the deepest cause, its SQL state if it is
     * the database's, and a fixed description; never an exception's message, which may quote the data.
     */
    public static String reason(Throwable failure, String description) {
        Throwable root = failure;
        String sqlState = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            root = cause;
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                sqlState = sql.getSQLState();
            }
        }
        return root.getClass().getName() + (sqlState == null ? "" : " (SQL state " + sqlState + ")") + ": " + description;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        closeProducer();
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        return config;
    }
}
