package org.corridor.report.service;

import org.corridor.report.domain.Interval;

import java.time.LocalDate;

/** Which report of people is asked for: the report, and for reports over time the length and window of the periods. */
public record ReportQuery(Kind kind, Interval interval, LocalDate from, LocalDate to) {

    /** The reports built from the protected tables. */
    public enum Kind {
        OVERVIEW, DEMOGRAPHICS, VULNERABILITIES, ARRIVALS, DETENTIONS
    }

    /** A report of people as they are now, which takes no period. */
    public static ReportQuery now(Kind kind) {
        return new ReportQuery(kind, null, null, null);
    }
}
