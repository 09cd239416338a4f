package org.corridor.cases.rest;

import org.corridor.platform.policy.RiskLevel;

import java.time.Instant;
import java.util.UUID;

public record AlertView(UUID id, UUID caseId, String country, RiskLevel previousRisk, RiskLevel newRisk, String reason,
                        Instant createdAt) {
}
