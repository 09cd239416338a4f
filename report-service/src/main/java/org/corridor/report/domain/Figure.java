package org.corridor.report.domain;

/** A figure as published: its count, or null when it is withheld. */
public record Figure(Long count, boolean suppressed) {

    public static final Figure ZERO = new Figure(0L, false);
    public static final Figure WITHHELD = new Figure(null, true);

    public static Figure of(long count) {
        return new Figure(count, false);
    }
}
