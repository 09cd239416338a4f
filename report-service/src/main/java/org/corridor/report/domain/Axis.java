package org.corridor.report.domain;

import java.util.Optional;

/**
 * One dimension of a table as the tallies key it: how a key rolls up into its total. {@link #ALL} is the key of the
 * total over the whole dimension. A dimension whose values overlap (a person can have several vulnerabilities) has
 * no total at all.
 */
public enum Axis {
    /** Values add up to the dimension's total. */
    ADDITIVE,
    /** Periods: a month ({@code 2025-03}) adds up to its year ({@code 2025}), a year to the total. */
    PERIOD,
    /** Overlapping values: nothing adds up. */
    OVERLAPPING;

    public static final String ALL = "*";

    /** The key of the total that {@code key} is a part of, if any. */
    public Optional<String> parent(String key) {
        if (this == OVERLAPPING || key.equals(ALL)) {
            return Optional.empty();
        }
        if (this == PERIOD && Interval.isMonth(key)) {
            return Optional.of(Interval.yearOf(key));
        }
        return Optional.of(ALL);
    }

    /** How many totals {@code key} is nested in: 0 for a total over the whole dimension. */
    public int depth(String key) {
        int depth = 0;
        for (Optional<String> parent = parent(key); parent.isPresent(); parent = parent(parent.get())) {
            depth++;
        }
        return depth;
    }
}
