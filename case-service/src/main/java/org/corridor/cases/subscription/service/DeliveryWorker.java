package org.corridor.cases.subscription.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.corridor.cases.subscription.config.SubscriptionConfig;
import org.corridor.cases.subscription.domain.Delivery;
import org.corridor.cases.subscription.domain.RetrySchedule;
import org.corridor.cases.subscription.domain.SigningSecret;
import org.corridor.cases.subscription.domain.Subscription;
import org.corridor.cases.subscription.repository.DeliveryRepository;
import org.corridor.cases.subscription.repository.SubscriptionRepository;
import org.corridor.cases.work.DrainingRuns;
import org.corridor.cases.work.FailureLog;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Sends the deliveries that are due, each subscription's in order: the first waiting one, and the ones after it only
 * once it is delivered or given up, so a receiver that was down gets everything afterwards in the order it happened.
 * To keep up with a fan-out, the waiting deliveries of different cases travel together, up to
 * {@link SubscriptionConfig#inFlight()} at once, each case's one after the other: a round sends the earliest waiting
 * delivery of each case, and when one of a round fails, none after that round goes out until it is delivered or given
 * up (so the order holds per case, and across cases up to a round).
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
    private final DrainingRuns runs = new DrainingRuns();
    private final FailureLog failures = new FailureLog(LOG, "sending webhook deliveries");

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

    // the committing thread must not wait for the sending, so it runs on a thread of its own
    void deliveriesQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertWebhooks.DeliveriesQueued queued) {
        Thread.ofVirtual().name("webhook-deliveries").start(this::sendDue);
    }

    @Scheduled(identity = "webhook-deliveries", every = "${corridor.subscriptions.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        runs.run(() -> {
            // platform threads: a sender blocks in JDBC and TLS code that would pin a virtual thread's carrier on JDK 21
            try (var senders = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("webhook-sender-", 0).factory())) {
                for (int i = 0; i < config.concurrency(); i++) {
                    senders.submit(this::sendWhileDue);
                }
            }
        });
    }

    private void sendWhileDue() {
        try {
            while (sendNextBatch()) {
                // another subscription may be due
            }
            failures.worked();
        } catch (RuntimeException e) {
            failures.failed(e);
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
            List<Delivery> waiting = new ArrayList<>();
            for (Delivery delivery : deliveries.nextPending(subscription.id(), config.batchSize())) {
                if (!delivery.isDue(clock.instant())) {
                    break;
                }
                waiting.add(delivery);
            }
            while (!waiting.isEmpty() && System.nanoTime() < stopAt) {
                List<Delivery> round = new ArrayList<>();
                List<Delivery> later = new ArrayList<>();
                Set<UUID> casesInRound = new HashSet<>();
                for (Delivery delivery : waiting) {
                    boolean goesNow = round.size() < config.inFlight() && casesInRound.add(delivery.caseId());
                    (goesNow ? round : later).add(delivery);
                }
                if (!sendRound(subscription, secret, round)) {
                    break;
                }
                waiting = later;
            }
            return true;
        });
    }

    /** Sends deliveries at once and records how each went; answers whether all were delivered. */
    private boolean sendRound(Subscription subscription, SigningSecret secret, List<Delivery> round) {
        Instant sentAt = clock.instant();
        List<CompletableFuture<WebhookClient.Attempt>> attempts = round.stream()
                .map(delivery -> client.send(subscription.url(), delivery.id().toString(), delivery.body(), secret, sentAt))
                .toList();
        boolean allDelivered = true;
        List<Delivery> delivered = new ArrayList<>(round.size());
        List<Integer> statusCodes = new ArrayList<>(round.size());
        for (int i = 0; i < round.size(); i++) {
            WebhookClient.Attempt attempt = attempts.get(i).join();
            if (attempt.delivered()) {
                delivered.add(round.get(i));
                statusCodes.add(attempt.statusCode());
            } else {
                deliveries.toChange(round.get(i)).attemptFailed(attempt.statusCode(), attempt.error(), clock.instant(), retries);
                allDelivered = false;
            }
        }
        deliveries.markDelivered(delivered, statusCodes, clock.instant());
        return allDelivered;
    }
}
