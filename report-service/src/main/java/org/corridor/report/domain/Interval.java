package org.corridor.report.domain;

import java.time.LocalDate;
import java.time.YearMonth;

/** The length of the periods a report over time is broken into, and how periods are keyed: {@code 2025-03}, {@code 2025}. */
public enum Interval {
    MONTH, YEAR;

    public String keyOf(YearMonth month) {
        return this == MONTH ? month.toString() : Integer.toString(month.getYear());
    }

    public boolean keys(String key) {
        return this == MONTH ? isMonth(key) : !isMonth(key) && !key.equals(Axis.ALL);
    }

    public LocalDate start(String key) {
        return this == MONTH ? YearMonth.parse(key).atDay(1) : LocalDate.of(Integer.parseInt(key), 1, 1);
    }

    public LocalDate end(String key) {
        return this == MONTH ? YearMonth.parse(key).atEndOfMonth() : LocalDate.of(Integer.parseInt(key), 12, 31);
    }

    public String next(String key) {
        return this == MONTH ? YearMonth.parse(key).plusMonths(1).toString() : Integer.toString(Integer.parseInt(key) + 1);
    }

    static boolean isMonth(String key) {
        return key.length() == 7;
    }

    static String yearOf(String monthKey) {
        return monthKey.substring(0, 4);
    }
}
