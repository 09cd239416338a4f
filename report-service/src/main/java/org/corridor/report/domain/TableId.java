package org.corridor.report.domain;

/** One statistic's table in one scope: what the tallies keep, and what disclosure control protects, apart. */
public record TableId(Statistic statistic, Scope scope) {
}
