package org.corridor.report.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.report.config.ReportConfig;
import org.corridor.report.domain.DisclosureControl;
import org.corridor.report.domain.LinkedTables;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The protected tables that reports are read from. Protecting a large table costs far more than reading it, and
 * under a steady flow of events its tallies change between most reads, so tables are protected when their tallies
 * change, never on a read: a background step reads the tables whose revision moved (see
 * {@link TallyRepository#snapshot}), protects them, and publishes them together with the clocks of the same snapshot.
 * A read takes what was last published, so what it shows is one set of tallies and the time of the last event in
 * them; it can trail the newest tallies by one step.
 *
 * <p>A statistic's tables of every scope are protected together ({@link LinkedTables}): the tables of all
 * organisations are the sum of the organisations' tables, and a reader holding keys to several scopes can combine
 * them. So when any of a statistic's tables changes, every scope's table of that statistic is protected again, from
 * the tallies of one snapshot, and every scope's tables are published. The tallies of the tables that did not change
 * are kept from earlier snapshots rather than read again.
 *
 * <p>Tables are kept protected only while some scope was read in the last {@link #KEPT_FOR}; the first read after a
 * quiet spell waits for a step that protects them.
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
        executor.execute(this::refreshInBackground);
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
     * Protects again every statistic of which some table changed since the last publication, in every scope together,
     * and publishes every scope's tables: afterwards, whatever was committed before the call shows in their reports.
     */
    public synchronized void refresh() {
        Instant since = clock.instant().minus(KEPT_FOR);
        lastRead.values().removeIf(read -> read.isBefore(since));
        Set<Scope> read = Set.copyOf(lastRead.keySet());
        if (read.isEmpty()) {
            latest = Publication.NONE;
            return;
        }
        TallySnapshot snapshot;
        try {
            snapshot = tallies.snapshot(latest.revisions());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tallies", e);
        }
        Map<TableId, TallyTable> current = new HashMap<>(latest.tallies());
        current.keySet().retainAll(snapshot.revisions().keySet());
        current.putAll(snapshot.tables());
        Map<Scope, Map<Statistic, TallyTable.Published>> published = new HashMap<>();
        latest.scopes().forEach((scope, tables) -> published.put(scope, new HashMap<>(tables.tables)));
        Set<Statistic> changed = snapshot.tables().keySet().stream().map(TableId::statistic).collect(Collectors.toSet());
        for (Statistic statistic : changed) {
            published.values().forEach(tables -> tables.remove(statistic));
            Map<Scope, TallyTable> scopes = new HashMap<>();
            current.forEach((id, table) -> {
                if (id.statistic() == statistic) {
                    scopes.put(id.scope(), table);
                }
            });
            new LinkedTables(statistic, scopes).protect(control).forEach((scope, table) ->
                    published.computeIfAbsent(scope, absent -> new HashMap<>()).put(statistic, table));
        }
        published.keySet().removeIf(scope -> current.keySet().stream().noneMatch(id -> id.scope().equals(scope)));
        read.forEach(scope -> published.computeIfAbsent(scope, absent -> new HashMap<>()));
        Map<Scope, ScopeTables> scopes = new HashMap<>();
        published.forEach((scope, tables) -> {
            ScopeTables before = latest.scopes().get(scope);
            Instant asOf = snapshot.clocks().get(ProjectionService.clockOf(scope));
            if (before != null && Objects.equals(before.asOf, asOf) && before.tables.equals(tables)) {
                scopes.put(scope, before);
            } else {
                ScopeTables next = new ScopeTables(asOf, tables);
                next.renderAnswersReadFrom(before);
                scopes.put(scope, next);
            }
        });
        latest = new Publication(Map.copyOf(scopes), Map.copyOf(snapshot.revisions()), Map.copyOf(current));
    }

    /**
     * One step, then the next after {@code protect-every}, or after as long as this step took if that is longer:
     * protecting every scope's tables of a statistic together can take a while under a steady flow of events, and the
     * step is kept to about half a core so that the projection and the reads keep the rest.
     */
    private void refreshInBackground() {
        long started = System.nanoTime();
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
        long wait = Math.max(config.protectEvery().toNanos(), System.nanoTime() - started);
        if (!executor.isShutdown()) {
            executor.schedule(this::refreshInBackground, wait, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * One scope's published tables, the time of the last event applied to them (null before any), and the answers
     * rendered from them. An answer (a report in one format) is rendered once per publication: by the first read that
     * asks for it, or before publication when it was read from the tables these replace, so that reads under a steady
     * flow of events find it ready. Later reads get the same bytes.
     *
     * <p>Answers over a window of periods ({@code from} or {@code to}) can be asked for in any number, so only the
     * {@link #WINDOWS_KEPT} read last are kept, and they are rendered again only when read from the next publication:
     * a caller asking for many windows costs a rendering each, never memory or work at every publication.
     */
    public static final class ScopeTables {

        static final int WINDOWS_KEPT = 16;

        private final Instant asOf;
        private final Map<Statistic, TallyTable.Published> tables;
        private final Map<Answer, Rendered> answers = new ConcurrentHashMap<>();
        private final Map<Answer, byte[]> windows = Collections.synchronizedMap(new LinkedHashMap<>(WINDOWS_KEPT, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Answer, byte[]> eldest) {
                return size() > WINDOWS_KEPT;
            }
        });

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

        /** The answer to {@code query} in {@code format} rendered from these tables by {@code render}, which must depend on them alone. */
        public byte[] answer(ReportQuery query, ReportFormat format, Function<ScopeTables, byte[]> render) {
            var key = new Answer(query, format);
            if (query.from() != null || query.to() != null) {
                byte[] body = windows.get(key);
                if (body == null) {
                    body = render.apply(this);
                    windows.put(key, body);
                }
                return body;
            }
            Rendered answer = answers.computeIfAbsent(key, absent -> new Rendered(render, render.apply(this)));
            answer.read = true;
            return answer.body;
        }

        /** Renders from these tables the answers without a window that were read from {@code before} (none when null). */
        void renderAnswersReadFrom(ScopeTables before) {
            if (before != null) {
                before.answers.forEach((key, answer) -> {
                    if (answer.read) {
                        answers.computeIfAbsent(key, absent -> new Rendered(answer.render, answer.render.apply(this)));
                    }
                });
            }
        }

        /** Which answer a publication renders: the report asked for, in one format. */
        private record Answer(ReportQuery query, ReportFormat format) {
        }

        private static final class Rendered {

            final Function<ScopeTables, byte[]> render;
            final byte[] body;
            volatile boolean read;

            Rendered(Function<ScopeTables, byte[]> render, byte[] body) {
                this.render = render;
                this.body = body;
            }
        }
    }

    /**
     * What was published: each scope's tables, protected from one snapshot of the tallies, with that snapshot's clock;
     * and the revisions and tallies of every table as of that snapshot, for the next step to tell which changed and
     * to protect a statistic again with the tables that did not.
     */
    private record Publication(Map<Scope, ScopeTables> scopes, Map<TableId, Long> revisions, Map<TableId, TallyTable> tallies) {

        static final Publication NONE = new Publication(Map.of(), Map.of(), Map.of());
    }
}
