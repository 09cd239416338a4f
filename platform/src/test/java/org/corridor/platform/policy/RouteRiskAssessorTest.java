package org.corridor.platform.policy;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteRiskAssessorTest {

    static final LocalDate DAY = LocalDate.parse("2026-11-23");

    static PolicyTerms policy(RiskLevel risk, Repatriation repatriation, Detention detention, RefugeeRecognition recognition,
                              EmbassyHandover handover) {
        return new PolicyTerms(risk, repatriation, detention, recognition, handover, false, null, "summary");
    }

    final Map<String, PolicyTerms> policies = Map.of(
            "CN", policy(RiskLevel.CRITICAL, Repatriation.FORCED, Detention.ROUTINE, RefugeeRecognition.NOT_RECOGNISED, EmbassyHandover.NONE),
            "MN", policy(RiskLevel.MEDIUM, Repatriation.NONE, Detention.OCCASIONAL, RefugeeRecognition.AD_HOC, EmbassyHandover.ROUTINE),
            "TH", policy(RiskLevel.MEDIUM, Repatriation.NONE, Detention.ROUTINE, RefugeeRecognition.NOT_RECOGNISED, EmbassyHandover.OCCASIONAL),
            "KR", policy(RiskLevel.LOW, Repatriation.NONE, Detention.NONE, RefugeeRecognition.RECOGNISED, EmbassyHandover.NONE));

    RouteRiskAssessor.Assessment assess(List<String> route, Set<Vulnerability> vulnerabilities) {
        return RouteRiskAssessor.assess(route, vulnerabilities, DAY, country -> Optional.ofNullable(policies.get(country)));
    }

    @Test
    void overallIsTheWorstLegAndEveryLegHasAReason() {
        var north = assess(List.of("CN", "MN", "KR"), Set.of());
        assertEquals(RiskLevel.CRITICAL, north.overall());
        assertEquals(List.of(RiskLevel.CRITICAL, RiskLevel.MEDIUM, RiskLevel.LOW), north.legs().stream().map(RouteRiskAssessor.Leg::risk).toList());
        north.legs().forEach(leg -> assertFalse(leg.reasons().isEmpty(), leg.country()));
        assertTrue(north.legs().get(0).reasons().stream().anyMatch(reason -> reason.contains("forcibly returned")));
        assertTrue(north.legs().get(1).reasons().stream().anyMatch(reason -> reason.contains("South Korean embassy")));
    }

    @Test
    void routineDetentionRaisesTheRiskForAChild() {
        var adult = assess(List.of("TH"), Set.of()).legs().get(0);
        var child = assess(List.of("TH"), Set.of(Vulnerability.UNACCOMPANIED_CHILD)).legs().get(0);
        assertEquals(RiskLevel.MEDIUM, adult.risk());
        // detention is routine (one level) and there is no refugee status to protect a child (another)
        assertEquals(RiskLevel.CRITICAL, child.risk());
        assertTrue(child.reasons().stream().anyMatch(reason -> reason.contains("unaccompanied-child")));
    }

    @Test
    void aTraffickingSurvivorIsAtMoreRiskWhereThereIsNoRefugeeStatus() {
        assertEquals(RiskLevel.HIGH, assess(List.of("TH"), Set.of(Vulnerability.TRAFFICKING_SURVIVOR)).legs().get(0).risk());
        assertEquals(RiskLevel.MEDIUM, assess(List.of("MN"), Set.of(Vulnerability.TRAFFICKING_SURVIVOR)).legs().get(0).risk());
    }

    @Test
    void riskNeverRisesAboveCritical() {
        assertEquals(RiskLevel.CRITICAL, assess(List.of("CN"), Set.of(Vulnerability.PREGNANT, Vulnerability.GBV_SURVIVOR)).overall());
    }

    @Test
    void aCountryWithoutAPolicyThatDayIsHighRiskAndSaysWhy() {
        var leg = RouteRiskAssessor.assessLeg("LA", Optional.empty(), Set.of(), DAY);
        assertEquals(RiskLevel.HIGH, leg.risk());
        assertTrue(leg.reasons().get(0).contains("No policy is recorded for LA"));
    }
}
