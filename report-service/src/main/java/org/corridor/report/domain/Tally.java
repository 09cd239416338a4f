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

    /** This figure less {@code other}, which must be part of it: what remains of it once another's people are taken out. */
    public Tally minus(Tally other) {
        if (other.people > people || other.cases > cases) {
            throw new IllegalArgumentException("a part is larger than the figure it is part of");
        }
        return new Tally(people - other.people, cases - other.cases);
    }

    public boolean isZero() {
        return people == 0;
    }
}
