package org.corridor.policy.rest;

import org.corridor.platform.policy.RiskLevel;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A country on the routes with the policy in force today. */
public record CountryView(
        String code,
        String name,
        @Schema(nullable = true, description = "Null when no policy is in force today.") RiskLevel riskLevel,
        @Schema(nullable = true, description = "Null when no policy is in force today.") String summary) {
}
