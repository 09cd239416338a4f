package org.corridor.cases.subscription.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.cases.subscription.domain.WebhookEventType;
import org.corridor.cases.subscription.repository.DeliveryRepository;
import org.corridor.platform.json.KebabCaseEnums;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queues an alert for every webhook of its organisation that asked for alerts, with the alert, never after it. */
@ApplicationScoped
public class AlertWebhooks {

    private final DeliveryRepository deliveries;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<DeliveriesQueued> deliveriesQueued;

    public AlertWebhooks(DeliveryRepository deliveries, ObjectMapper json, Clock clock, Event<DeliveriesQueued> deliveriesQueued) {
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
        this.deliveriesQueued = deliveriesQueued;
    }

    /** Told once the transaction that queued deliveries commits, so that they go out at once rather than at the next poll. */
    public record DeliveriesQueued() {
    }

    /** The message as Standard Webhooks shapes it: codes only, nothing about the people in the case. */
    record AlertRaisedMessage(String type, Instant timestamp, Alert data) {

        record Alert(UUID alertId, UUID caseId, String country, String previousRisk, String newRisk, String reason) {
        }
    }

    /** Queues the alerts in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void alertsRaised(List<CaseAlert> alerts) {
        List<DeliveryRepository.Queued> messages = new ArrayList<>(alerts.size());
        for (CaseAlert alert : alerts) {
            var message = new AlertRaisedMessage(WebhookEventType.ALERT_RAISED.code(), alert.createdAt(),
                    new AlertRaisedMessage.Alert(alert.id(), alert.caseId(), alert.country(),
                            alert.previousRisk() == null ? null : KebabCaseEnums.code(alert.previousRisk()),
                            KebabCaseEnums.code(alert.newRisk()), alert.reason()));
            try {
                messages.add(new DeliveryRepository.Queued(alert.organisation(), alert.id(), alert.caseId(),
                        json.writeValueAsString(message)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an alert message does not serialise", e);
            }
        }
        deliveries.enqueue(WebhookEventType.ALERT_RAISED, messages, clock.instant());
        deliveriesQueued.fire(new DeliveriesQueued());
    }
}
