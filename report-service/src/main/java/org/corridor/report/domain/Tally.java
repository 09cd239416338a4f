package org.corridor.report.domain;

/**
 * One figure as counted: the people in it and the number of distinct cases they belong to. A case is one person or a
 * group travelling together, so a figure whose people all belong to one case describes that group alone.
 */
public record Tally(long people, long cases) {

    public static final Tally ZERO = new Tally(0, 0);

    public Tally plus(Tally other) {
        return new Tally(people + other.people, cases + other.cases);
    }

    public boolean isZero() {
        return people == 0;
    }
}
