package org.corridor.platform.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What risk scoring needs to know of a country's policy: the practice fields of a published policy version. Read
 * from a version as policy-service publishes it, other fields ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyTerms(RiskLevel riskLevel, Repatriation repatriation, Detention detention,
                          RefugeeRecognition refugeeRecognition, EmbassyHandover embassyHandover, Boolean unhcrAccess,
                          String penaltiesForHelpers, String summary) {
}
