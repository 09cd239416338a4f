package org.corridor.report.domain;

/**
 * One tallied cell: a statistic, in the figures of a {@link Scope} (its key), at a row and column key ({@link Axis#ALL}
 * for a total).
 */
public record TallyKey(Statistic statistic, String scope, String row, String column) implements Comparable<TallyKey> {

    @Override
    public int compareTo(TallyKey other) {
        int order = statistic.compareTo(other.statistic);
        if (order == 0) {
            order = scope.compareTo(other.scope);
        }
        if (order == 0) {
            order = row.compareTo(other.row);
        }
        return order == 0 ? column.compareTo(other.column) : order;
    }
}
