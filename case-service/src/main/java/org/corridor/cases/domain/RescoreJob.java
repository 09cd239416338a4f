package org.corridor.cases.domain;

import java.util.UUID;

/**
 * A policy change whose concerned cases are still to be re-scored: {@code afterCase} is the last case done (null
 * before the first batch), and the trace context is that of the policy event, which the re-scoring continues.
 */
public record RescoreJob(long id, String country, String policySummary, UUID afterCase, String traceparent,
                         String tracestate) {
}
