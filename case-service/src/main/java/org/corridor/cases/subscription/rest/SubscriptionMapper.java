package org.corridor.cases.subscription.rest;

import org.corridor.cases.subscription.domain.Delivery;
import org.corridor.cases.subscription.domain.Subscription;
import org.corridor.cases.subscription.domain.WebhookEventType;
import org.corridor.platform.problem.ProblemException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Between the API's subscriptions and deliveries and the domain's. */
final class SubscriptionMapper {

    private static final String EVENT_TYPES = "alert.raised";

    private SubscriptionMapper() {
    }

    static SubscriptionView view(Subscription subscription, String secret) {
        return new SubscriptionView(subscription.id(), subscription.url().toString(),
                subscription.events().stream().map(WebhookEventType::code).toList(),
                subscription.isActive() ? "active" : "ended", subscription.createdAt(), subscription.endedAt(), secret);
    }

    static DeliveryView view(Delivery delivery) {
        return new DeliveryView(delivery.id(), delivery.eventType(), delivery.alertId(), delivery.caseId(),
                delivery.status(), delivery.attempts(), delivery.lastStatusCode(), delivery.lastError(),
                delivery.createdAt(), delivery.lastAttemptAt(), delivery.nextAttemptAt());
    }

    static Set<WebhookEventType> eventTypes(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw ProblemException.invalidField("events", "is required: one or more of " + EVENT_TYPES);
        }
        Set<WebhookEventType> types = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            int index = i;
            types.add(WebhookEventType.ofCode(codes.get(i)).orElseThrow(
                    () -> ProblemException.invalidField("events[" + index + "]", "is not one of " + EVENT_TYPES)));
        }
        return types;
    }

    static UUID subscriptionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not a subscription id (UUID)");
        }
    }
}
