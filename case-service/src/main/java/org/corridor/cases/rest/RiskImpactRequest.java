package org.corridor.cases.rest;

import jakarta.validation.constraints.NotNull;
import org.corridor.platform.policy.PolicyTerms;

import java.time.LocalDate;

/** A draft policy of {@code country}: its practice, and when it would be in force. */
public record RiskImpactRequest(@NotNull String country, @NotNull LocalDate validFrom, LocalDate validTo,
                                @NotNull PolicyTerms terms) {
}
