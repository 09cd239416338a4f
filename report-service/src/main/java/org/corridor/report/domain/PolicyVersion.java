package org.corridor.report.domain;

import org.corridor.platform.policy.Detention;
import org.corridor.platform.policy.EmbassyHandover;
import org.corridor.platform.policy.RefugeeRecognition;
import org.corridor.platform.policy.Repatriation;
import org.corridor.platform.policy.RiskLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A published country policy version as the policy timeline needs it: the data of {@code org.corridor.policy.published}
 * (policy-service's asyncapi.yaml), practice codes only.
 */
public record PolicyVersion(UUID id, String country, LocalDate validFrom, LocalDate validTo, Instant recordedAt,
                            RiskLevel riskLevel, RefugeeRecognition refugeeRecognition, Repatriation repatriation,
                            Detention detention, EmbassyHandover embassyHandover) {
}
