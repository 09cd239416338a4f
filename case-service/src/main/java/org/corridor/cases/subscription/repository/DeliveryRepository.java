package org.corridor.cases.subscription.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.subscription.domain.Delivery;
import org.corridor.cases.subscription.domain.DeliveryStatus;
import org.corridor.cases.subscription.domain.WebhookEventType;
import org.corridor.platform.http.Page;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    /**
     * Queues a message for every active subscription of the organisation that asked for its type, in the caller's
     * transaction, so the message is stored exactly when what it tells of is.
     */
    public void enqueue(String organisation, WebhookEventType type, UUID alertId, UUID caseId, String body, Instant now) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_type, alert_id, case_id, body, status,
                                                      created_at, next_attempt_at)
                        SELECT gen_random_uuid(), s.id, ?1, ?2, ?3, ?4, 'PENDING', ?5, ?5 FROM webhook_subscription s
                        WHERE s.organisation = ?6 AND s.ended_at IS NULL AND ?1 = ANY (s.events)""")
                .setParameter(1, type.code()).setParameter(2, alertId).setParameter(3, caseId).setParameter(4, body)
                .setParameter(5, now).setParameter(6, organisation)
                .executeUpdate();
    }

    /** The first waiting deliveries of a subscription, in the order they must go out. */
    public List<Delivery> nextPending(UUID subscriptionId, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM webhook_delivery WHERE subscription_id = ?1 AND status = 'PENDING'
                        ORDER BY position LIMIT ?2""", Delivery.class)
                .setParameter(1, subscriptionId).setParameter(2, limit).getResultList();
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
