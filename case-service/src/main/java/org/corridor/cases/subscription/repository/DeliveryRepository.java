package org.corridor.cases.subscription.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.subscription.domain.Delivery;
import org.corridor.cases.subscription.domain.DeliveryStatus;
import org.corridor.cases.subscription.domain.WebhookEventType;
import org.corridor.platform.http.Page;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    /**
     * Queues each message for every active subscription of its organisation that asked for its type, in the caller's
     * transaction, so a message is stored exactly when what it tells of is; one statement for all, which queues them
     * in the order given.
     */
    public void enqueue(WebhookEventType type, List<Queued> messages, Instant now) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO webhook_delivery (id, subscription_id, event_type, alert_id, case_id, body, status,
                                                  created_at, next_attempt_at)
                    SELECT gen_random_uuid(), s.id, ?, m.alert_id, m.case_id, m.body, 'PENDING', ?, ?
                    FROM unnest(?, ?, ?, ?) WITH ORDINALITY AS m (alert_id, case_id, organisation, body, n)
                    JOIN webhook_subscription s ON s.organisation = m.organisation AND s.ended_at IS NULL
                                               AND ? = ANY (s.events)
                    ORDER BY m.n, s.id""")) {
                var at = now.atOffset(ZoneOffset.UTC);
                insert.setString(1, type.code());
                insert.setObject(2, at);
                insert.setObject(3, at);
                insert.setArray(4, connection.createArrayOf("uuid", messages.stream().map(Queued::alertId).toArray()));
                insert.setArray(5, connection.createArrayOf("uuid", messages.stream().map(Queued::caseId).toArray()));
                insert.setArray(6, connection.createArrayOf("text", messages.stream().map(Queued::organisation).toArray()));
                insert.setArray(7, connection.createArrayOf("text", messages.stream().map(Queued::body).toArray()));
                insert.setString(8, type.code());
                insert.executeUpdate();
            }
        });
    }

    /** A message about an alert of a case, for the organisation's subscriptions. */
    public record Queued(String organisation, UUID alertId, UUID caseId, String body) {
    }

    /**
     * The first waiting deliveries of a subscription, in the order they must go out, read-only: most are marked
     * {@link #markDelivered delivered} together, and a failed one is {@link #toChange made changeable}.
     */
    public List<Delivery> nextPending(UUID subscriptionId, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM webhook_delivery WHERE subscription_id = ?1 AND status = 'PENDING'
                        ORDER BY position LIMIT ?2""", Delivery.class)
                .setParameter(1, subscriptionId).setParameter(2, limit)
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    /** A delivery read by {@link #nextPending}, whose changes from now on are written at the commit. */
    public Delivery toChange(Delivery delivery) {
        getEntityManager().unwrap(Session.class).setReadOnly(delivery, false);
        return delivery;
    }

    /** Records in one statement that deliveries were accepted, with the status code each got, at {@code now}. */
    public void markDelivered(List<Delivery> delivered, List<Integer> statusCodes, Instant now) {
        if (delivered.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (var update = connection.prepareStatement("""
                    UPDATE webhook_delivery d SET status = 'DELIVERED', attempts = d.attempts + 1,
                                                  last_status_code = v.status_code, last_error = NULL,
                                                  last_attempt_at = ?, next_attempt_at = NULL
                    FROM unnest(?, ?) AS v (id, status_code)
                    WHERE d.id = v.id""")) {
                update.setObject(1, now.atOffset(ZoneOffset.UTC));
                update.setArray(2, connection.createArrayOf("uuid", delivered.stream().map(Delivery::id).toArray()));
                update.setArray(3, connection.createArrayOf("integer", statusCodes.toArray()));
                update.executeUpdate();
            }
        });
    }

    /** A subscription's deliveries, newest first, after a position of that order. */
    public List<Delivery> page(UUID subscriptionId, Page.TimeAndId after, int limit) {
        if (after == null) {
            return find("subscriptionId = ?1 order by createdAt desc, id desc", subscriptionId).page(0, limit).list();
        }
        return find("subscriptionId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                subscriptionId, after.time(), after.id()).page(0, limit).list();
    }

    public List<Delivery> pending(UUID subscriptionId) {
        return list("subscriptionId = ?1 and status = ?2", subscriptionId, DeliveryStatus.PENDING);
    }
}
