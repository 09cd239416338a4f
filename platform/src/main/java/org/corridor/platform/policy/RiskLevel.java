package org.corridor.platform.policy;

/** Risk to a person in a country, in rising order. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    public RiskLevel raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }

    public static RiskLevel worst(RiskLevel a, RiskLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
