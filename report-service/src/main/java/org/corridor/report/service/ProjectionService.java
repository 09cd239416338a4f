package org.corridor.report.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.report.domain.CaseFigures;
import org.corridor.report.domain.CaseState;
import org.corridor.report.domain.PolicyVersion;
import org.corridor.report.domain.Scope;
import org.corridor.report.domain.Tally;
import org.corridor.report.domain.TallyKey;
import org.corridor.report.repository.CaseFiguresRepository;
import org.corridor.report.repository.EventClockRepository;
import org.corridor.report.repository.PolicyVersionRepository;
import org.corridor.report.repository.TallyRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

    /** The clock of a scope's case figures. */
    public static String clockOf(Scope scope) {
        return scope.organisation() == null ? CASE_EVENTS : caseEventsOf(scope.organisation());
    }

    /** A case event as the projection takes it: the case's state and when the event happened. */
    public record CaseEvent(CaseState state, OffsetDateTime time) {
    }

    /**
     * Applies case events in order: each case's figures are read once, the tallies and clocks change once for all the
     * events together, whatever their number.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyAll(List<CaseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<UUID, CaseFigures> current = figures.findAll(events.stream().map(event -> event.state().caseId()).toList());
        Map<UUID, CaseFigures> changed = new HashMap<>();
        Map<TallyKey, Tally> tallyChange = new HashMap<>();
        Map<String, OffsetDateTime> latest = new HashMap<>();
        for (CaseEvent event : events) {
            CaseState state = event.state();
            CaseFigures before = current.get(state.caseId());
            CaseFigures after = before == null ? CaseFigures.of(state) : before.apply(state);
            if (!after.equals(before)) {
                CaseFigures.change(before, after).forEach((key, tally) -> tallyChange.merge(key, tally, Tally::plus));
                current.put(state.caseId(), after);
                changed.put(state.caseId(), after);
            }
            Set<String> streams = new HashSet<>(List.of(CASE_EVENTS, caseEventsOf(state.organisation()),
                    caseEventsOf(after.organisation())));
            if (before != null) {
                streams.add(caseEventsOf(before.organisation()));
            }
            streams.forEach(stream -> latest.merge(stream, event.time(), ProjectionService::later));
            recordLag(event.time());
        }
        tallyChange.values().removeIf(tally -> tally.people() == 0 && tally.cases() == 0);
        tallies.add(tallyChange);
        figures.saveAll(changed);
        clocks.advance(latest);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(PolicyVersion version, OffsetDateTime eventTime) {
        policies.remember(version);
        clocks.advance(Map.of(POLICY_EVENTS, eventTime));
        recordLag(eventTime);
    }

    private static OffsetDateTime later(OffsetDateTime one, OffsetDateTime other) {
        return one.isAfter(other) ? one : other;
    }

    private void recordLag(OffsetDateTime eventTime) {
        Duration since = Duration.between(eventTime.toInstant(), clock.instant());
        if (!since.isNegative()) {
            lag.record(since);
        }
    }
}
