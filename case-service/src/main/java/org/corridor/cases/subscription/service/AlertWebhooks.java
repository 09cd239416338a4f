package org.corridor.cases.subscription.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.cases.subscription.domain.WebhookEventType;
import org.corridor.cases.subscription.repository.DeliveryRepository;
import org.corridor.platform.json.KebabCaseEnums;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Queues an alert for every webhook of its organisation that asked for alerts, with the alert, never after it. */
@ApplicationScoped
public class AlertWebhooks {

    private final DeliveryRepository deliveries;
    private final ObjectMapper json;
    private final Clock clock;

    public AlertWebhooks(DeliveryRepository deliveries, ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /** The message as Standard Webhooks shapes it: codes only, nothing about the people in the case. */
    record AlertRaisedMessage(String type, Instant timestamp, Alert data) {

        record Alert(UUID alertId, UUID caseId, String country, String previousRisk, String newRisk, String reason) {
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void alertRaised(CaseAlert alert) {
        var message = new AlertRaisedMessage(WebhookEventType.ALERT_RAISED.code(), alert.createdAt(),
                new AlertRaisedMessage.Alert(alert.id(), alert.caseId(), alert.country(),
                        alert.previousRisk() == null ? null : KebabCaseEnums.code(alert.previousRisk()),
                        KebabCaseEnums.code(alert.newRisk()), alert.reason()));
        try {
            deliveries.enqueue(alert.organisation(), WebhookEventType.ALERT_RAISED, alert.id(), alert.caseId(),
                    json.writeValueAsString(message), clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert message does not serialise", e);
        }
    }
}
