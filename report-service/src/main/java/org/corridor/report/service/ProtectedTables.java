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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * <p>What is published is a view: a scope's tables as shown to a reader of one organisation. An organisation's own
 * tables are read only by it and protected on their own. The tables of all organisations are protected for each
 * reader's organisation apart ({@link TallyTable#protectedFor}): that organisation knows its own figures, so it must
 * not be able to work out the other organisations' small figures by subtracting its own. So the tallies of the tables
 * of all organisations and of every reader's organisation are kept, and a change to any table of a statistic protects
 * that statistic again in every view that shows it.
 *
 * <p>Only the views read in the last {@link #KEPT_FOR} are kept protected: protecting every organisation's tables on
 * every change would cost more than all the reads. The first read of a view that is not kept waits for a step that
 * protects it.
 */
@ApplicationScoped
public class ProtectedTables {

    private static final Duration KEPT_FOR = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(ProtectedTables.class);

    private final DisclosureControl control;
    private final TallyRepository tallies;
    private final ReportConfig config;
    private final Map<View, Instant> lastRead = new ConcurrentHashMap<>();
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

    /**
     * The published tables of {@code scope} as shown to a reader of organisation {@code reader}, and the time of the
     * last event in them. An organisation's tables are shown to that organisation alone.
     */
    public ScopeTables of(Scope scope, String reader) {
        if (scope.organisation() != null && !scope.organisation().equals(reader)) {
            throw new IllegalArgumentException("an organisation's tables are shown to that organisation alone");
        }
        var view = new View(scope, reader);
        lastRead.put(view, clock.instant());
        ScopeTables tables = latest.views().get(view);
        if (tables == null) {
            refresh();
            tables = latest.views().get(view);
        }
        return tables;
    }

    /**
     * Protects again, in the kept views, every table whose tallies or whose reader's tallies changed since the last
     * publication, and publishes them: afterwards, whatever was committed before the call shows in their reports.
     * Each view is published as soon as it is protected, an organisation's own before those of all organisations and
     * the smallest first, so that one organisation's figures do not wait for the largest tables of all.
     */
    public synchronized void refresh() {
        Instant since = clock.instant().minus(KEPT_FOR);
        lastRead.values().removeIf(read -> read.isBefore(since));
        Set<View> kept = Set.copyOf(lastRead.keySet());
        Set<Scope> scopes = new HashSet<>();
        kept.forEach(view -> scopes.addAll(List.of(view.scope(), view.readerScope())));
        TallySnapshot snapshot;
        try {
            snapshot = tallies.snapshot(latest.revisions(), scopes);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tallies", e);
        }
        Map<TableId, TallyTable> current = new HashMap<>(latest.tallies());
        current.keySet().removeIf(id -> !scopes.contains(id.scope()) || !snapshot.revisions().containsKey(id));
        current.putAll(snapshot.tables());
        Set<TableId> changed = snapshot.tables().keySet();
        Map<Statistic, TallyTable.Published> alone = new HashMap<>(latest.alone());
        alone.keySet().removeIf(statistic -> !current.containsKey(new TableId(statistic, Scope.ALL))
                || changed.contains(new TableId(statistic, Scope.ALL)));
        List<View> order = kept.stream().sorted(Comparator.comparing((View view) -> view.scope().equals(Scope.ALL))
                .thenComparingInt(view -> current.entrySet().stream().filter(table -> table.getKey().scope().equals(view.scope()))
                        .mapToInt(table -> table.getValue().tallies().size()).sum())).toList();
        Map<View, ScopeTables> views = new HashMap<>(latest.views());
        views.keySet().retainAll(kept);
        for (View view : order) {
            ScopeTables before = views.get(view);
            Map<Statistic, TallyTable.Published> tables = new HashMap<>();
            for (Statistic statistic : Statistic.values()) {
                TallyTable table = current.get(new TableId(statistic, view.scope()));
                TallyTable.Published published = before == null ? null : before.tables.get(statistic);
                if (table == null) {
                    continue;
                }
                if (published == null || changed.contains(new TableId(statistic, view.scope()))
                        || changed.contains(new TableId(statistic, view.readerScope()))) {
                    published = protect(view, table, current, alone);
                }
                tables.put(statistic, published);
            }
            Instant asOf = snapshot.clocks().get(ProjectionService.clockOf(view.scope()));
            if (before == null || !Objects.equals(before.asOf, asOf) || !before.tables.equals(tables)) {
                ScopeTables next = new ScopeTables(asOf, tables);
                next.renderAnswersReadFrom(before);
                views.put(view, next);
                latest = new Publication(Map.copyOf(views), latest.revisions(), latest.tallies(), latest.alone());
            }
        }
        Map<TableId, Long> revisions = new HashMap<>(snapshot.revisions());
        revisions.keySet().retainAll(current.keySet());
        latest = new Publication(Map.copyOf(views), Map.copyOf(revisions), Map.copyOf(current), Map.copyOf(alone));
    }

    /**
     * One table of a view protected: an organisation's on its own, and all organisations' for the reader's
     * organisation, from the table protected on its own (the same for every reader, so protected once).
     */
    private TallyTable.Published protect(View view, TallyTable table, Map<TableId, TallyTable> current,
                                         Map<Statistic, TallyTable.Published> alone) {
        if (!view.scope().equals(Scope.ALL)) {
            return table.protect(control);
        }
        TallyTable.Published protectedAlone = alone.computeIfAbsent(table.statistic(), statistic -> table.protect(control));
        TallyTable own = current.get(new TableId(table.statistic(), view.readerScope()));
        return own == null ? protectedAlone : table.protectedFor(own, protectedAlone, control);
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

        /**
         * The answer to {@code query} in {@code format} rendered from these tables by {@code render}, which must
         * depend on them alone.
         */
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

    /** A scope's tables as shown to a reader of organisation {@code reader}. */
    private record View(Scope scope, String reader) {

        /** The reader's organisation's own scope, whose tallies it knows. */
        Scope readerScope() {
            return Scope.of(reader);
        }
    }

    /**
     * What was published: each kept view's tables, protected from one snapshot of the tallies, with that snapshot's
     * clock; the revisions and tallies of the tables the views are protected from, for the next step to tell which
     * changed and to protect a view again with the tables that did not; and each statistic's table of all
     * organisations protected on its own, which every reader's view of it starts from.
     */
    private record Publication(Map<View, ScopeTables> views, Map<TableId, Long> revisions,
                               Map<TableId, TallyTable> tallies, Map<Statistic, TallyTable.Published> alone) {

        static final Publication NONE = new Publication(Map.of(), Map.of(), Map.of(), Map.of());
    }
}
