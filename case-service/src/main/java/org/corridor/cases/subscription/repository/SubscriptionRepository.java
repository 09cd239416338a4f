package org.corridor.cases.subscription.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.subscription.domain.Subscription;
import org.corridor.platform.http.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    /** A subscription of this organisation; another organisation's is simply absent. */
    public Optional<Subscription> findOwned(UUID id, String organisation) {
        return find("id = ?1 and organisation = ?2", id, organisation).firstResultOptional();
    }

    /** An organisation's subscriptions, newest first, after a position of that order. */
    public List<Subscription> page(String organisation, Page.TimeAndId after, int limit) {
        if (after == null) {
            return find("organisation = ?1 order by createdAt desc, id desc", organisation).page(0, limit).list();
        }
        return find("organisation = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                organisation, after.time(), after.id()).page(0, limit).list();
    }

    /**
     * Locks an active subscription whose first waiting delivery is due, one that no other sender holds, for the
     * transaction: while it is held, no other instance sends to that subscription, so its deliveries stay in order.
     */
    public Optional<Subscription> lockNextDue(Instant now) {
        List<?> ids = getEntityManager().createNativeQuery("""
                        SELECT s.id FROM webhook_subscription s
                        WHERE s.ended_at IS NULL
                          AND (SELECT d.next_attempt_at FROM webhook_delivery d
                               WHERE d.subscription_id = s.id AND d.status = 'PENDING'
                               ORDER BY d.position LIMIT 1) <= ?1
                        LIMIT 1 FOR UPDATE OF s SKIP LOCKED""")
                .setParameter(1, now).getResultList();
        return ids.stream().findFirst().map(id -> findById((UUID) id));
    }
}
