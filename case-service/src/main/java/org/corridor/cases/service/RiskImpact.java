package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.RiskImpactTally;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.policy.PolicyTerms;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What publishing a draft policy would do to the active cases it concerns, worked out exactly as publication re-scores
 * them (the same cases, the same rules, the policies in force today with the draft among them if it is valid today),
 * without changing any.
 */
@ApplicationScoped
public class RiskImpact {

    private static final int BATCH = 500;

    private final CaseRepository cases;
    private final CaseRisk risk;
    private final Caller caller;
    private final CaseConfig config;
    private final Clock clock;

    public RiskImpact(CaseRepository cases, CaseRisk risk, Caller caller, CaseConfig config, Clock clock) {
        this.cases = cases;
        this.risk = risk;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public RiskImpactTally ofDraft(String country, PolicyTerms draft, LocalDate validFrom, LocalDate validTo) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Function<String, Optional<PolicyTerms>> policiesToday = risk.policiesToday();
        boolean inForceToday = !validFrom.isAfter(today) && (validTo == null || !validTo.isBefore(today));
        Function<String, Optional<PolicyTerms>> published = inForceToday
                ? other -> other.equals(country) ? Optional.of(draft) : policiesToday.apply(other)
                : policiesToday;
        var tally = new RiskImpactTally(caller.organisation(), config.impactMinimumCount());
        UUID after = null;
        List<CaseFile> batch;
        do {
            batch = cases.activeConcerning(country, after, BATCH);
            for (CaseFile file : batch) {
                tally.count(file.organisation(), file.riskLevel(), risk.levelUnder(file, published));
            }
            after = batch.isEmpty() ? after : batch.getLast().id();
            cases.forgetRead();
        } while (batch.size() == BATCH);
        return tally;
    }
}
