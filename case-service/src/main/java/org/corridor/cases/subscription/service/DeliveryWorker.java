package org.corridor.cases.subscription.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.subscription.config.SubscriptionConfig;
import org.corridor.cases.subscription.domain.Delivery;
import org.corridor.cases.subscription.domain.RetrySchedule;
import org.corridor.cases.subscription.domain.SigningSecret;
import org.corridor.cases.subscription.domain.Subscription;
import org.corridor.cases.subscription.repository.DeliveryRepository;
import org.corridor.cases.subscription.repository.SubscriptionRepository;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Sends the deliveries that are due, each subscription's in order: the first waiting one, and the ones after it only
 * once it is delivered or given up, so a receiver that was down gets everything afterwards in the order it happened.
 * A subscription is sent to in a transaction that holds its row ({@code FOR UPDATE SKIP LOCKED}), so instances share
 * the subscriptions and never send one's deliveries at the same time; a delivery is marked in that transaction, so a
 * crash before the commit sends it again (at least once: receivers drop repeats by {@code webhook-id}). When the
 * database is away, nothing is marked and the next run tries again.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Sending stops taking a subscription's next delivery after this, well inside the transaction timeout. */
    private static final Duration BATCH_TIME = Duration.ofSeconds(20);

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final SubscriptionSecrets secrets;
    private final WebhookClient client;
    private final SubscriptionConfig config;
    private final RetrySchedule retries;
    private final Clock clock;
    private volatile boolean failing;

    public DeliveryWorker(SubscriptionRepository subscriptions, DeliveryRepository deliveries, SubscriptionSecrets secrets,
                          WebhookClient client, SubscriptionConfig config, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.client = client;
        this.config = config;
        this.retries = new RetrySchedule(config.retry().firstDelay(), config.retry().maxDelay(), config.retry().giveUpAfter());
        this.clock = clock;
    }

    @Scheduled(identity = "webhook-deliveries", every = "${corridor.subscriptions.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        // platform threads: a sender blocks in JDBC and TLS code that would pin a virtual thread's carrier on JDK 21
        try (var senders = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("webhook-sender-", 0).factory())) {
            for (int i = 0; i < config.concurrency(); i++) {
                senders.submit(this::sendWhileDue);
            }
        }
    }

    private void sendWhileDue() {
        try {
            while (sendNextBatch()) {
                // another subscription may be due
            }
            if (failing) {
                failing = false;
                LOG.info("webhook deliveries are being sent again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warnf("could not send webhook deliveries (%s); retrying", e.getClass().getSimpleName());
            }
        }
    }

    /** Sends what is due to one subscription no other sender holds; answers whether there was one. */
    boolean sendNextBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Subscription> due = subscriptions.lockNextDue(clock.instant());
            if (due.isEmpty()) {
                return false;
            }
            Subscription subscription = due.get();
            SigningSecret secret = secrets.open(subscription);
            long stopAt = System.nanoTime() + BATCH_TIME.toNanos();
            for (Delivery delivery : deliveries.nextPending(subscription.id(), config.batchSize())) {
                if (!delivery.isDue(clock.instant()) || System.nanoTime() > stopAt) {
                    break;
                }
                var attempt = client.send(subscription.url(), delivery.id().toString(), delivery.body(), secret, clock.instant());
                if (attempt.delivered()) {
                    delivery.delivered(attempt.statusCode(), clock.instant());
                } else {
                    delivery.attemptFailed(attempt.statusCode(), attempt.error(), clock.instant(), retries);
                    break;
                }
            }
            return true;
        });
    }
}
