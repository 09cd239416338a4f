package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.cases.repository.KnownPolicyRepository;
import org.corridor.platform.policy.PolicyTerms;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.RouteRiskAssessor;
import org.corridor.platform.policy.Vulnerability;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores an active case for its current country and the rest of its planned route from case-service's own copy of
 * the policies in force today, with the same rules as policy-service's route assessment.
 */
@ApplicationScoped
public class CaseRisk {

    private final KnownPolicyRepository policies;
    private final Clock clock = Clock.systemUTC();

    public CaseRisk(KnownPolicyRepository policies) {
        this.policies = policies;
    }

    /** Re-scores the case and answers its previous level. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RiskLevel assess(CaseFile file) {
        return assess(file, policiesToday());
    }

    /** The policies in force today, each read once however many cases are scored with them. */
    public Function<String, Optional<PolicyTerms>> policiesToday() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, Optional<PolicyTerms>> read = new HashMap<>();
        return country -> read.computeIfAbsent(country, unused -> policies.termsInForce(country, today));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RiskLevel assess(CaseFile file, Function<String, Optional<PolicyTerms>> policiesToday) {
        RiskLevel previous = file.riskLevel;
        Optional<RouteRiskAssessor.Assessment> assessment = assessment(file, policiesToday);
        file.riskLevel = assessment.map(RouteRiskAssessor.Assessment::overall).orElse(null);
        file.riskReasons = assessment.map(found -> found.legs().stream()
                        .map(leg -> new CaseFile.RiskReason(leg.country(), leg.risk(), leg.reasons()))
                        .toList())
                .orElse(List.of());
        file.riskAssessedAt = clock.instant();
        return previous;
    }

    /** The level the case would have today under {@code policies}, the case left as it is. */
    public RiskLevel levelUnder(CaseFile file, Function<String, Optional<PolicyTerms>> policies) {
        return assessment(file, policies).map(RouteRiskAssessor.Assessment::overall).orElse(null);
    }

    /** None for a case that is not active or has nowhere left to go. */
    private Optional<RouteRiskAssessor.Assessment> assessment(CaseFile file, Function<String, Optional<PolicyTerms>> policies) {
        Set<String> route = new LinkedHashSet<>();
        if (file.currentCountry != null) {
            route.add(file.currentCountry);
        }
        route.addAll(file.remainingRoute());
        if (!file.status.isActive() || route.isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return Optional.of(RouteRiskAssessor.assess(List.copyOf(route), vulnerabilities(file), today, policies));
    }

    private static Set<Vulnerability> vulnerabilities(CaseFile file) {
        Set<Vulnerability> all = EnumSet.noneOf(Vulnerability.class);
        for (CaseMember member : file.members) {
            all.addAll(member.vulnerabilityList());
        }
        return all;
    }
}
