package org.corridor.policy.rest;

import org.corridor.platform.policy.RiskLevel;

/** A country on the routes with the policy in force today. */
public record CountryView(String code, String name, RiskLevel riskLevel, String summary) {
}
