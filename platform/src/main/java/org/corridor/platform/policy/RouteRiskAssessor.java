package org.corridor.platform.policy;

import org.corridor.platform.json.KebabCaseEnums;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scores a route leg by leg from each country's policy and the traveller's vulnerabilities, with the reasons a
 * caseworker can act on. A leg starts at the country's recorded risk level; vulnerabilities that the country's
 * practice makes more dangerous raise it one level each rule; the route is as risky as its worst leg.
 */
public final class RouteRiskAssessor {

    private static final Set<Vulnerability> HARMED_BY_DETENTION = EnumSet.of(
            Vulnerability.UNACCOMPANIED_CHILD, Vulnerability.PREGNANT, Vulnerability.ELDERLY,
            Vulnerability.MEDICAL, Vulnerability.DISABILITY);
    private static final Set<Vulnerability> NEED_PROTECTION_STATUS = EnumSet.of(
            Vulnerability.TRAFFICKING_SURVIVOR, Vulnerability.GBV_SURVIVOR, Vulnerability.UNACCOMPANIED_CHILD);

    private RouteRiskAssessor() {
    }

    public static Assessment assess(List<String> countries, Set<Vulnerability> vulnerabilities, LocalDate day,
                                    Function<String, Optional<PolicyTerms>> policyOn) {
        List<Leg> legs = countries.stream().map(country -> assessLeg(country, policyOn.apply(country), vulnerabilities, day)).toList();
        RiskLevel overall = legs.stream().map(Leg::risk).reduce(RiskLevel.LOW, RiskLevel::worst);
        return new Assessment(overall, legs);
    }

    public static Leg assessLeg(String country, Optional<PolicyTerms> policy, Set<Vulnerability> vulnerabilities, LocalDate day) {
        if (policy.isEmpty()) {
            return new Leg(country, RiskLevel.HIGH, List.of("No policy is recorded for " + country + " on " + day
                    + ": treat the country as high risk until it has been assessed."));
        }
        PolicyTerms p = policy.get();
        RiskLevel risk = p.riskLevel();
        List<String> reasons = new ArrayList<>();
        reasons.add("Recorded risk level " + KebabCaseEnums.code(p.riskLevel()) + " for " + country + " on " + day + ": " + p.summary());

        if (p.repatriation() == Repatriation.FORCED) {
            reasons.add("People who are found are forcibly returned to North Korea, where returnees face prison camps or worse: avoid any contact with the authorities.");
        } else if (p.repatriation() == Repatriation.OCCASIONAL) {
            reasons.add("Some people who are found are sent back: contact with the authorities carries a real risk of return.");
        }
        if (p.detention() == Detention.ROUTINE) {
            reasons.add("People who are found are routinely detained: plan for legal support and for time in custody.");
            Set<Vulnerability> harmed = intersection(vulnerabilities, HARMED_BY_DETENTION);
            if (!harmed.isEmpty()) {
                risk = risk.raised();
                reasons.add("Detention is especially dangerous for this traveller (" + codes(harmed) + "): risk raised one level.");
            }
        }
        if (p.refugeeRecognition() == RefugeeRecognition.NOT_RECOGNISED) {
            Set<Vulnerability> unprotected = intersection(vulnerabilities, NEED_PROTECTION_STATUS);
            if (!unprotected.isEmpty()) {
                risk = risk.raised();
                reasons.add("No refugee status here, so this traveller (" + codes(unprotected)
                        + ") cannot ask the authorities for protection from abusers or brokers: risk raised one level.");
            }
        }
        if (p.embassyHandover() == EmbassyHandover.ROUTINE) {
            reasons.add("People who are stopped are usually handed to the South Korean embassy.");
        } else if (p.embassyHandover() == EmbassyHandover.OCCASIONAL) {
            reasons.add("Hand-over to the South Korean embassy happens only sometimes: do not count on it.");
        }
        if (Boolean.FALSE.equals(p.unhcrAccess())) {
            reasons.add("UNHCR has no recorded access to North Koreans here.");
        }
        if (p.penaltiesForHelpers() != null && !p.penaltiesForHelpers().isBlank()) {
            reasons.add("Helpers face penalties: " + p.penaltiesForHelpers());
        }
        return new Leg(country, risk, List.copyOf(reasons));
    }

    private static Set<Vulnerability> intersection(Set<Vulnerability> a, Set<Vulnerability> b) {
        Set<Vulnerability> both = a.isEmpty() ? EnumSet.noneOf(Vulnerability.class) : EnumSet.copyOf(a);
        both.retainAll(b);
        return both;
    }

    private static String codes(Set<Vulnerability> vulnerabilities) {
        return vulnerabilities.stream().map(KebabCaseEnums::code).collect(Collectors.joining(", "));
    }

    public record Leg(String country, RiskLevel risk, List<String> reasons) {
    }

    public record Assessment(RiskLevel overall, List<Leg> legs) {
    }
}
