package org.corridor.report.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.report.domain.CaseFigures;
import org.corridor.report.domain.CaseState;
import org.corridor.report.domain.PolicyVersion;
import org.corridor.report.repository.CaseFiguresRepository;
import org.corridor.report.repository.EventClockRepository;
import org.corridor.report.repository.PolicyVersionRepository;
import org.corridor.report.repository.TallyRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies events to the read models, in the transaction that records them as processed: a case's figures, the
 * tallies they change, and the clocks that say how current each report is.
 */
@ApplicationScoped
public class ProjectionService {

    public static final String CASE_EVENTS = "case-events";
    public static final String POLICY_EVENTS = "policy-events";

    private final CaseFiguresRepository figures;
    private final TallyRepository tallies;
    private final EventClockRepository clocks;
    private final PolicyVersionRepository policies;
    private final Timer lag;
    private final Clock clock = Clock.systemUTC();

    public ProjectionService(CaseFiguresRepository figures, TallyRepository tallies, EventClockRepository clocks,
                             PolicyVersionRepository policies, MeterRegistry registry) {
        this.figures = figures;
        this.tallies = tallies;
        this.clocks = clocks;
        this.policies = policies;
        this.lag = Timer.builder("corridor.report.event.lag")
                .description("From an event's time to its effect on the reports")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** The clock of one organisation's case figures. */
    public static String caseEventsOf(String organisation) {
        return CASE_EVENTS + "/" + organisation;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CaseState state, OffsetDateTime eventTime) {
        Optional<CaseFigures> before = figures.find(state.caseId());
        CaseFigures after = before.map(known -> known.apply(state)).orElseGet(() -> CaseFigures.of(state));
        if (before.isEmpty() || !before.get().equals(after)) {
            tallies.add(CaseFigures.change(before.orElse(null), after));
            figures.save(state.caseId(), after);
        }
        Set<String> streams = new TreeSet<>(List.of(CASE_EVENTS, caseEventsOf(state.organisation()),
                caseEventsOf(after.organisation())));
        before.ifPresent(known -> streams.add(caseEventsOf(known.organisation())));
        clocks.advance(streams, eventTime);
        recordLag(eventTime);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(PolicyVersion version, OffsetDateTime eventTime) {
        policies.remember(version);
        clocks.advance(List.of(POLICY_EVENTS), eventTime);
        recordLag(eventTime);
    }

    private void recordLag(OffsetDateTime eventTime) {
        Duration since = Duration.between(eventTime.toInstant(), clock.instant());
        if (!since.isNegative()) {
            lag.record(since);
        }
    }
}
