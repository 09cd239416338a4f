package org.corridor.cases.subscription.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to one subscription and its attempts so far. Rows are written by SQL in the transaction that raised the
 * message (see {@code DeliveryRepository#enqueue}), and marked delivered by SQL too, many at once
 * ({@code DeliveryRepository#markDelivered}); here they only move on otherwise.
 */
@Entity
@Table(name = "webhook_delivery")
public class Delivery {

    @Id
    private UUID id;

    @Column(name = "subscription_id", nullable = false)
    private UUID subscriptionId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(name = "alert_id", nullable = false)
    private UUID alertId;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(nullable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_status_code")
    private Integer lastStatusCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_error")
    private DeliveryError lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    protected Delivery() {
    }

    /** An attempt that got {@code statusCode} (null: no answer, for {@code error}); retried on schedule or given up. */
    public void attemptFailed(Integer statusCode, DeliveryError error, Instant now, RetrySchedule retries) {
        attempted(statusCode, error, now);
        nextAttemptAt = retries.nextAttempt(attempts, createdAt, now).orElse(null);
        if (nextAttemptAt == null) {
            status = DeliveryStatus.FAILED;
        }
    }

    public void cancel() {
        if (status == DeliveryStatus.PENDING) {
            status = DeliveryStatus.CANCELLED;
            nextAttemptAt = null;
        }
    }

    private void attempted(Integer statusCode, DeliveryError error, Instant now) {
        attempts++;
        lastStatusCode = statusCode;
        lastError = error;
        lastAttemptAt = now;
    }

    public boolean isDue(Instant now) {
        return status == DeliveryStatus.PENDING && !nextAttemptAt.isAfter(now);
    }

    public UUID id() {
        return id;
    }

    public UUID subscriptionId() {
        return subscriptionId;
    }

    /** The message's type, as {@link WebhookEventType#code()}. */
    public String eventType() {
        return eventType;
    }

    public UUID alertId() {
        return alertId;
    }

    public UUID caseId() {
        return caseId;
    }

    public String body() {
        return body;
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Integer lastStatusCode() {
        return lastStatusCode;
    }

    public DeliveryError lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }
}
