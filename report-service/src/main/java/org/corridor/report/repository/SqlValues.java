package org.corridor.report.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Temporal values of native query results, whichever Java type the driver and Hibernate hand back. */
final class SqlValues {

    private SqlValues() {
    }

    static LocalDate date(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    static Instant instant(Object value) {
        return switch (value) {
            case OffsetDateTime time -> time.toInstant();
            case Timestamp time -> time.toInstant();
            default -> (Instant) value;
        };
    }
}
