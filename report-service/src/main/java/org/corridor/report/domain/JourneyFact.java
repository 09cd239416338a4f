package org.corridor.report.domain;

import java.time.YearMonth;

/**
 * A journey event that a report counts, kept to the month: the day is more than any report needs. It is counted for
 * the organisation that owned the case when it happened, with the case's people at that time.
 */
public record JourneyFact(long revision, Statistic statistic, String country, YearMonth month, String organisation,
                          int people) {
}
