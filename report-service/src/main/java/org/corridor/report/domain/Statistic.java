package org.corridor.report.domain;

import org.corridor.platform.cases.JourneyKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table that report-service keeps a tally of, with how its two dimensions add up. People are counted in every cell
 * and in every total, and so is the number of distinct cases each of them belongs to.
 */
public enum Statistic {
    /** People by present status × current country. */
    OVERVIEW(Axis.ADDITIVE, Axis.ADDITIVE),
    /** People by sex × age band. */
    SEX_AGE(Axis.ADDITIVE, Axis.ADDITIVE),
    /** People with a vulnerability × present status; a person can have several, so vulnerabilities have no total. */
    VULNERABILITY(Axis.OVERLAPPING, Axis.ADDITIVE),
    /** Journey events × people: period × country where it happened. */
    ARRIVED(Axis.PERIOD, Axis.ADDITIVE),
    DETAINED(Axis.PERIOD, Axis.ADDITIVE),
    FINED(Axis.PERIOD, Axis.ADDITIVE),
    REPATRIATED(Axis.PERIOD, Axis.ADDITIVE),
    HANDED_TO_EMBASSY(Axis.PERIOD, Axis.ADDITIVE);

    private final Axis rows;
    private final Axis columns;

    Statistic(Axis rows, Axis columns) {
        this.rows = rows;
        this.columns = columns;
    }

    public Axis rows() {
        return rows;
    }

    public Axis columns() {
        return columns;
    }

    /** The statistic that counts journey events of this kind, if any. */
    public static Optional<Statistic> counting(JourneyKind kind) {
        return switch (kind) {
            case ARRIVED -> Optional.of(ARRIVED);
            case DETAINED -> Optional.of(DETAINED);
            case FINED -> Optional.of(FINED);
            case REPATRIATED -> Optional.of(REPATRIATED);
            case HANDED_TO_EMBASSY -> Optional.of(HANDED_TO_EMBASSY);
            default -> Optional.empty();
        };
    }

    /** Every tallied cell a contribution to ({@code row}, {@code column}) counts in: the cell and all its totals. */
    public List<TallyKey> keysCounting(String scope, String row, String column) {
        List<TallyKey> keys = new ArrayList<>();
        for (String r : lineage(rows, row)) {
            for (String c : lineage(columns, column)) {
                keys.add(new TallyKey(this, scope, r, c));
            }
        }
        return keys;
    }

    private static List<String> lineage(Axis axis, String key) {
        List<String> lineage = new ArrayList<>();
        for (Optional<String> next = Optional.of(key); next.isPresent(); next = axis.parent(next.get())) {
            lineage.add(next.get());
        }
        return lineage;
    }
}
