package org.corridor.cases.subscription.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.subscription.domain.Delivery;
import org.corridor.cases.subscription.domain.SigningSecret;
import org.corridor.cases.subscription.domain.Subscription;
import org.corridor.cases.subscription.domain.WebhookEventType;
import org.corridor.cases.subscription.repository.DeliveryRepository;
import org.corridor.cases.subscription.repository.SubscriptionRepository;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.problem.ProblemException;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The caller's organisation's webhook subscriptions; another organisation's do not exist here. */
@ApplicationScoped
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final Destinations destinations;
    private final SubscriptionSecrets secrets;
    private final Caller caller;
    private final Clock clock;

    public SubscriptionService(SubscriptionRepository subscriptions, DeliveryRepository deliveries,
                               Destinations destinations, SubscriptionSecrets secrets, Caller caller, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.secrets = secrets;
        this.caller = caller;
        this.clock = clock;
    }

    /** A new subscription and its signing secret, which is shown this once. */
    public record Subscribed(Subscription subscription, String secret) {
    }

    @Transactional
    public Subscribed subscribe(String url, Set<WebhookEventType> events) {
        var target = destinations.requireAllowed(url);
        UUID id = UUID.randomUUID();
        String organisation = caller.organisation();
        String keyId = secrets.currentKeyId();
        SigningSecret secret = SigningSecret.generate();
        var subscription = new Subscription(id, organisation, target, events, keyId,
                secrets.seal(organisation, id, keyId, secret), clock.instant());
        subscriptions.persist(subscription);
        return new Subscribed(subscription, secret.text());
    }

    @Transactional
    public Page<Subscription> list(String cursor, int limit) {
        return page(subscriptions.page(caller.organisation(), Page.timeAndId(cursor), limit + 1), limit,
                last -> Page.cursorAfter(last.createdAt(), last.id()));
    }

    @Transactional
    public Subscription read(UUID id) {
        return owned(id);
    }

    /** Ends a subscription: what still waits for it is cancelled, nothing more is queued for it. */
    @Transactional
    public void end(UUID id) {
        owned(id).end(clock.instant());
        deliveries.pending(id).forEach(Delivery::cancel);
    }

    @Transactional
    public Page<Delivery> deliveries(UUID id, String cursor, int limit) {
        owned(id);
        return page(deliveries.page(id, Page.timeAndId(cursor), limit + 1), limit,
                last -> Page.cursorAfter(last.createdAt(), last.id()));
    }

    private Subscription owned(UUID id) {
        return subscriptions.findOwned(id, caller.organisation())
                .orElseThrow(() -> ProblemException.notFound("The subscription"));
    }

    /** A page of {@code limit} from up to {@code limit + 1} found, with the next cursor when there was one more. */
    private static <T> Page<T> page(List<T> found, int limit, Function<T, String> cursorAfter) {
        boolean more = found.size() > limit;
        List<T> shown = more ? found.subList(0, limit) : found;
        return new Page<>(shown, more ? cursorAfter.apply(shown.getLast()) : null);
    }
}
