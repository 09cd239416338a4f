package org.corridor.policy.rest;

import org.corridor.platform.policy.RiskLevel;

import java.time.LocalDate;
import java.util.List;

public record RouteAssessmentView(RiskLevel overall, LocalDate at, List<LegView> legs) {

    public record LegView(String country, RiskLevel risk, List<String> reasons) {
    }
}
