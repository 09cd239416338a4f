package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.repository.KnownPolicyRepository;
import org.corridor.platform.policy.PolicyTerms;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.RouteRiskAssessor;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scores an active case for its current country and the rest of its planned route from case-service's own copy of
 * the policies in force today, with the same rules as policy-service's route assessment.
 */
@ApplicationScoped
public class CaseRisk {

    private final KnownPolicyRepository policies;
    private final Clock clock;

    public CaseRisk(KnownPolicyRepository policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** Re-scores the case and answers its previous level; the policies of its route are read in one query. */
    @Transactional(Transactional.TxType.MANDATORY)
    public RiskLevel assess(CaseFile file) {
        Map<String, PolicyTerms> inForce = policies.termsInForce(file.riskRoute(), today());
        return assess(file, country -> Optional.ofNullable(inForce.get(country)));
    }

    /** The policies in force today, each read once however many cases are scored with them. */
    public Function<String, Optional<PolicyTerms>> policiesToday() {
        LocalDate today = today();
        Map<String, Optional<PolicyTerms>> read = new HashMap<>();
        return country -> read.computeIfAbsent(country, unused -> policies.termsInForce(country, today));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public RiskLevel assess(CaseFile file, Function<String, Optional<PolicyTerms>> policiesToday) {
        List<String> route = file.riskRoute();
        return file.assessed(route.isEmpty() ? null
                : RouteRiskAssessor.assess(route, file.vulnerabilities(), today(), policiesToday), clock.instant());
    }

    /** The level the case would have today under {@code policies}, the case left as it is. */
    public RiskLevel levelUnder(CaseFile file, Function<String, Optional<PolicyTerms>> policies) {
        List<String> route = file.riskRoute();
        return route.isEmpty() ? null : RouteRiskAssessor.assess(route, file.vulnerabilities(), today(), policies).overall();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
