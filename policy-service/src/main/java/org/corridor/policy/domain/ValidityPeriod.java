package org.corridor.policy.domain;

import java.time.LocalDate;

/** When a version applies: from {@code validFrom} (inclusive) to {@code validTo} (exclusive, null when open-ended). */
public record ValidityPeriod(LocalDate validFrom, LocalDate validTo) {

    public ValidityPeriod {
        if (validFrom == null) {
            throw new PolicyRuleViolation("validFrom", "is required");
        }
        if (validTo != null && !validTo.isAfter(validFrom)) {
            throw new PolicyRuleViolation("validTo", "must be after validFrom");
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
    }
}
