package org.corridor.cases.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One published policy version as case-service keeps it: the columns it queries by, and the version whole. */
public record KnownPolicy(UUID versionId, String country, LocalDate validFrom, LocalDate validTo, Instant recordedAt,
                          String riskLevel, String versionJson) {
}
