package org.corridor.cases.subscription.domain;

/** Where a delivery stands: waiting (to be sent or retried), delivered, given up after the retry window, or cancelled. */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED,
    CANCELLED
}
