package org.corridor.report.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.report.config.ReportConfig;
import org.corridor.report.domain.DisclosureControl;
import org.corridor.report.domain.Scope;
import org.corridor.report.domain.Statistic;
import org.corridor.report.domain.TableId;
import org.corridor.report.domain.TallySnapshot;
import org.corridor.report.domain.TallyTable;
import org.corridor.report.repository.TallyRepository;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The protected tables that reports are read from. Protecting a large table costs far more than reading it, and
 * under a steady flow of events its tallies change between most reads, so tables are protected when their tallies
 * change, never on a read: a background step reads the tables whose revision moved (see
 * {@link TallyRepository#snapshot}), protects them, and publishes them together with the clocks of the same snapshot.
 * A read takes what was last published, so what it shows is one set of tallies and the time of the last event in
 * them; it can trail the newest tallies by one step.
 *
 * <p>Only the scopes read in the last {@link #KEPT_FOR} are kept protected: protecting every organisation's tables on
 * every change would cost more than all the reads. The first read of a scope that is not kept waits for a step that
 * protects it.
 */
@ApplicationScoped
public class ProtectedTables {

    private static final Duration KEPT_FOR = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(ProtectedTables.class);

    private final DisclosureControl control;
    private final TallyRepository tallies;
    private final ReportConfig config;
    private final Map<Scope, Instant> lastRead = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private volatile Publication latest = Publication.NONE;
    private ScheduledExecutorService executor;
    private int consecutiveFailures;

    public ProtectedTables(DisclosureControl control, TallyRepository tallies, ReportConfig config) {
        this.control = control;
        this.tallies = tallies;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name("protected-tables").daemon().unstarted(task));
        long every = config.protectEvery().toMillis();
        executor.scheduleWithFixedDelay(this::refreshInBackground, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** The published tables of one scope, and the time of the last event in them. */
    public ScopeTables of(Scope scope) {
        lastRead.put(scope, clock.instant());
        ScopeTables tables = latest.scopes().get(scope);
        if (tables == null) {
            refresh();
            tables = latest.scopes().get(scope);
        }
        return tables;
    }

    /**
     * Protects the tables of the kept scopes whose tallies changed since the last publication and publishes them:
     * afterwards, whatever was committed before the call shows in their reports. Each scope's tables are published as
     * soon as they are protected, the smallest scopes first, so that one organisation's figures do not wait for the
     * largest tables of all.
     */
    public synchronized void refresh() {
        Instant since = clock.instant().minus(KEPT_FOR);
        lastRead.values().removeIf(read -> read.isBefore(since));
        Set<Scope> kept = Set.copyOf(lastRead.keySet());
        TallySnapshot snapshot;
        try {
            snapshot = tallies.snapshot(latest.revisions(), kept);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tallies", e);
        }
        Map<Scope, List<TallyTable>> changed = new HashMap<>();
        snapshot.tables().forEach((id, table) -> changed.computeIfAbsent(id.scope(), scope -> new ArrayList<>()).add(table));
        Publication publication = latest;
        List<Scope> smallestFirst = changed.keySet().stream()
                .sorted(Comparator.comparingInt(scope -> changed.get(scope).stream().mapToInt(table -> table.tallies().size()).sum()))
                .toList();
        for (Scope scope : smallestFirst) {
            ScopeTables before = publication.scopes().get(scope);
            Map<Statistic, TallyTable.Published> tables = new HashMap<>(before == null ? Map.of() : before.tables);
            changed.get(scope).forEach(table -> tables.put(table.statistic(), table.protect(control)));
            ScopeTables next = new ScopeTables(snapshot.clocks().get(ProjectionService.clockOf(scope)), tables);
            next.renderAnswersReadFrom(before);
            publication = publication.with(scope, next);
            latest = publication;
        }
        latest = publication.with(snapshot, kept);
    }

    private void refreshInBackground() {
        try {
            refresh();
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            consecutiveFailures++;
            if (consecutiveFailures == 1 || consecutiveFailures % 100 == 0) {
                LOG.warnf("could not protect the changed tables (%s, attempt %d); reports show the last ones protected",
                        e.getClass().getSimpleName(), consecutiveFailures);
            }
        }
    }

    /**
     * One scope's published tables, the time of the last event applied to them (null before any), and the answers
     * rendered from them. An answer (a report in one format) is rendered once per publication: by the first read that
     * asks for it, or before publication when it was read from the tables these replace, so that reads under a steady
     * flow of events find it ready. Later reads get the same bytes.
     */
    public static final class ScopeTables {

        private final Instant asOf;
        private final Map<Statistic, TallyTable.Published> tables;
        private final Map<Object, Answer> answers = new ConcurrentHashMap<>();

        ScopeTables(Instant asOf, Map<Statistic, TallyTable.Published> tables) {
            this.asOf = asOf;
            this.tables = Map.copyOf(tables);
        }

        public Instant asOf() {
            return asOf;
        }

        public TallyTable.Published table(Statistic statistic) {
            return tables.getOrDefault(statistic, TallyTable.Published.EMPTY);
        }

        /** The answer {@code key} rendered from these tables by {@code render}, which must depend on them alone. */
        public byte[] answer(Object key, Function<ScopeTables, byte[]> render) {
            Answer answer = answers.computeIfAbsent(key, absent -> new Answer(render, render.apply(this)));
            answer.read = true;
            return answer.body;
        }

        /** Renders from these tables the answers that were read from {@code before} (none when null). */
        void renderAnswersReadFrom(ScopeTables before) {
            if (before != null) {
                before.answers.forEach((key, answer) -> {
                    if (answer.read) {
                        answers.computeIfAbsent(key, absent -> new Answer(answer.render, answer.render.apply(this)));
                    }
                });
            }
        }

        private static final class Answer {

            final Function<ScopeTables, byte[]> render;
            final byte[] body;
            volatile boolean read;

            Answer(Function<ScopeTables, byte[]> render, byte[] body) {
                this.render = render;
                this.body = body;
            }
        }
    }

    /**
     * What was published: each kept scope's tables, protected from one snapshot of the tallies, with that snapshot's
     * clock; and the revisions of the tables published, for the next step to tell which changed.
     */
    private record Publication(Map<Scope, ScopeTables> scopes, Map<TableId, Long> revisions) {

        static final Publication NONE = new Publication(Map.of(), Map.of());

        Publication with(Scope scope, ScopeTables tables) {
            Map<Scope, ScopeTables> withScope = new HashMap<>(scopes);
            withScope.put(scope, tables);
            return new Publication(Map.copyOf(withScope), revisions);
        }

        /**
         * Once every changed table of the kept scopes is published: their clocks and revisions as of the snapshot, a
         * table the snapshot lacks dropped, and no scope that is not kept.
         */
        Publication with(TallySnapshot snapshot, Set<Scope> kept) {
            Map<Scope, ScopeTables> current = new HashMap<>();
            for (Scope scope : kept) {
                Map<Statistic, TallyTable.Published> tables = new HashMap<>();
                ScopeTables published = scopes.get(scope);
                if (published != null) {
                    published.tables.forEach((statistic, table) -> {
                        if (snapshot.revisions().containsKey(new TableId(statistic, scope))) {
                            tables.put(statistic, table);
                        }
                    });
                }
                Instant asOf = snapshot.clocks().get(ProjectionService.clockOf(scope));
                if (published != null && Objects.equals(published.asOf, asOf) && published.tables.equals(tables)) {
                    current.put(scope, published);
                } else {
                    ScopeTables next = new ScopeTables(asOf, tables);
                    next.renderAnswersReadFrom(published);
                    current.put(scope, next);
                }
            }
            Map<TableId, Long> revisions = new HashMap<>(snapshot.revisions());
            revisions.keySet().removeIf(id -> !kept.contains(id.scope()));
            return new Publication(Map.copyOf(current), Map.copyOf(revisions));
        }
    }
}
