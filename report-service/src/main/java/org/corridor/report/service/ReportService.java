package org.corridor.report.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.json.KebabCaseEnums;
import org.corridor.platform.policy.Vulnerability;
import org.corridor.report.domain.Axis;
import org.corridor.report.domain.CaseFigures;
import org.corridor.report.domain.CaseStatus;
import org.corridor.report.domain.DisclosureControl;
import org.corridor.report.domain.Figure;
import org.corridor.report.domain.Interval;
import org.corridor.report.domain.PolicyTimeline;
import org.corridor.report.domain.PolicyVersion;
import org.corridor.report.domain.Report.Column;
import org.corridor.report.domain.Report;
import org.corridor.report.domain.Statistic;
import org.corridor.report.domain.Scope;
import org.corridor.report.domain.TallyTable;
import org.corridor.report.repository.EventClockRepository;
import org.corridor.report.repository.PolicyVersionRepository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the reports from the protected tables and writes them out. Each statistic's table is protected whole (every cell and total, both
 * period lengths) before anything is picked from it, so the periods, interval or report asked for never change what is
 * withheld; a report takes all its tables from one publication, so they show one set of tallies.
 */
@ApplicationScoped
public class ReportService {

    private static final Column STATUS = new Column("status", "#status");
    private static final Column COUNTRY = new Column("country", "#country+code");
    private static final Column SEX = new Column("sex", "#group+sex");
    private static final Column AGE_BAND = new Column("ageBand", "#group+age");
    private static final Column VULNERABILITY = new Column("vulnerability", "#group+vulnerability");
    private static final Column PERIOD = new Column("period", "#date");
    private static final Column KIND = new Column("kind", "#event+type");
    private static final Column COUNT = new Column("count", "#affected+refugees");
    private static final Column SUPPRESSED = new Column("suppressed", "#meta+suppressed");
    private static final List<Statistic> DETENTIONS =
            List.of(Statistic.DETAINED, Statistic.FINED, Statistic.REPATRIATED, Statistic.HANDED_TO_EMBASSY);
    /** Country codes in order, the overview's people who are in no country yet last. */
    private static final Comparator<String> COUNTRIES = Comparator
            .comparing((String key) -> key.equals(CaseFigures.NO_COUNTRY)).thenComparing(Comparator.naturalOrder());

    private final EventClockRepository clocks;
    private final PolicyVersionRepository policies;
    private final ProtectedTables protectedTables;
    private final DisclosureControl control;
    private final ObjectMapper json;

    public ReportService(EventClockRepository clocks, PolicyVersionRepository policies, ProtectedTables protectedTables,
                         DisclosureControl control, ObjectMapper json) {
        this.clocks = clocks;
        this.policies = policies;
        this.protectedTables = protectedTables;
        this.control = control;
        this.json = json;
    }

    /**
     * A report of people in {@code format}, from the tables last published for {@code scope} as shown to a reader of
     * organisation {@code reader}; rendered once per publication (over a window of periods, while the window is among
     * the last few read), so reads between two publications get the same bytes.
     */
    public RenderedReport report(Scope scope, String reader, ReportQuery query, ReportFormat format) {
        ProtectedTables.ScopeTables tables = protectedTables.of(scope, reader);
        return new RenderedReport(tables.asOf(),
                tables.answer(query, format, published -> write(report(published, query), format)));
    }

    private Report report(ProtectedTables.ScopeTables tables, ReportQuery query) {
        return switch (query.kind()) {
            case OVERVIEW -> overview(tables);
            case DEMOGRAPHICS -> demographics(tables);
            case VULNERABILITIES -> vulnerabilities(tables);
            case ARRIVALS -> arrivals(tables, query.interval(), query.from(), query.to());
            case DETENTIONS -> detentions(tables, query.interval(), query.from(), query.to());
        };
    }

    /** People by present status × current country. */
    private Report overview(ProtectedTables.ScopeTables tables) {
        TallyTable.Published table = tables.table(Statistic.OVERVIEW);
        return crossTable(tables, new Dimension(STATUS, codes(CaseStatus.class)),
                new Dimension(COUNTRY, countries(List.of(table))), null, List.of(new Layer(null, table, Statistic.OVERVIEW)));
    }

    /** People by sex × age band. */
    private Report demographics(ProtectedTables.ScopeTables tables) {
        return crossTable(tables, new Dimension(SEX, codes(Sex.class)), new Dimension(AGE_BAND, codes(AgeBand.class)),
                null, List.of(new Layer(null, tables.table(Statistic.SEX_AGE), Statistic.SEX_AGE)));
    }

    /** People with each vulnerability × present status; a person can have several, so only statuses add up. */
    private Report vulnerabilities(ProtectedTables.ScopeTables tables) {
        return crossTable(tables, new Dimension(VULNERABILITY, codes(Vulnerability.class)),
                new Dimension(STATUS, codes(CaseStatus.class)), null,
                List.of(new Layer(null, tables.table(Statistic.VULNERABILITY), Statistic.VULNERABILITY)));
    }

    /** People arriving, by period × country of arrival. */
    private Report arrivals(ProtectedTables.ScopeTables tables, Interval interval, LocalDate from, LocalDate to) {
        TallyTable.Published table = tables.table(Statistic.ARRIVED);
        return crossTable(tables, new Dimension(PERIOD, periods(List.of(table), interval, from, to)),
                new Dimension(COUNTRY, countries(List.of(table))), null, List.of(new Layer(null, table, Statistic.ARRIVED)));
    }

    /** People detained, fined, repatriated and handed to an embassy, by period × country × kind of event. */
    private Report detentions(ProtectedTables.ScopeTables tables, Interval interval, LocalDate from, LocalDate to) {
        List<Layer> layers = DETENTIONS.stream()
                .map(statistic -> new Layer(KebabCaseEnums.code(statistic), tables.table(statistic), statistic)).toList();
        List<TallyTable.Published> published = layers.stream().map(Layer::figures).toList();
        return crossTable(tables, new Dimension(PERIOD, periods(published, interval, from, to)),
                new Dimension(COUNTRY, countries(published)), KIND, layers);
    }

    /** The policy versions in force over time, in one country or all; public facts about states, not about people. */
    public RenderedReport policyTimeline(String country, LocalDate from, LocalDate to, ReportFormat format) {
        List<Column> columns = List.of(COUNTRY, new Column("validFrom", "#date+start"), new Column("validTo", "#date+end"),
                new Column("riskLevel", "#severity"), new Column("refugeeRecognition", "#indicator+recognition"),
                new Column("repatriation", "#indicator+repatriation"), new Column("detention", "#indicator+detention"),
                new Column("embassyHandover", "#indicator+embassy_handover"));
        List<Map<String, Object>> cells = new ArrayList<>();
        policies.versions(country).stream()
                .collect(Collectors.groupingBy(PolicyVersion::country, TreeMap::new, Collectors.toList()))
                .values().forEach(versions -> PolicyTimeline.of(versions).stream()
                        .filter(stretch -> stretch.overlaps(from, to))
                        .forEach(stretch -> cells.add(row(columns, stretch.version().country(), stretch.from(), stretch.to(),
                                code(stretch.version().riskLevel()), code(stretch.version().refugeeRecognition()),
                                code(stretch.version().repatriation()), code(stretch.version().detention()),
                                code(stretch.version().embassyHandover())))));
        Instant asOf = clocks.lastEvent(ProjectionService.POLICY_EVENTS).orElse(null);
        return new RenderedReport(asOf, write(new Report(asOf, control.k(), columns, cells, Map.of()), format));
    }

    private byte[] write(Report report, ReportFormat format) {
        return switch (format) {
            case JSON -> {
                try {
                    yield json.writeValueAsBytes(report);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("could not write a report as JSON", e);
                }
            }
            case CSV -> CsvWriter.write(report, false).getBytes(StandardCharsets.UTF_8);
            case HXL -> CsvWriter.write(report, true).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** A dimension of a cross-table: its column and the tally keys it lists, in order. */
    private record Dimension(Column column, List<String> keys) {

        Coordinate at(String key) {
            return new Coordinate(this, key);
        }
    }

    private record Coordinate(Dimension dimension, String key) {

        /** As published: the overview's "in no country yet" is a null country. */
        Object value() {
            return dimension.column() == COUNTRY && key.equals(CaseFigures.NO_COUNTRY) ? null : key;
        }
    }

    /** One statistic's protected figures, and the value of the layer dimension (the kind of event) it stands for. */
    private record Layer(String value, TallyTable.Published figures, Statistic statistic) {
    }

    /**
     * The cells rows × columns (× layers), and the totals each table publishes: by row where the columns add up, by
     * column where the rows do, and overall where both do.
     */
    private Report crossTable(ProtectedTables.ScopeTables tables, Dimension rows, Dimension columns, Column layer, List<Layer> layers) {
        List<Column> reportColumns = new ArrayList<>(List.of(rows.column(), columns.column()));
        if (layer != null) {
            reportColumns.add(layer);
        }
        reportColumns.addAll(List.of(COUNT, SUPPRESSED));
        List<Map<String, Object>> cells = new ArrayList<>();
        for (String row : rows.keys()) {
            for (String column : columns.keys()) {
                for (Layer each : layers) {
                    cells.add(cell(layer, each, each.figures().at(row, column), rows.at(row), columns.at(column)));
                }
            }
        }
        Statistic shape = layers.getFirst().statistic();
        boolean rowsAddUp = shape.rows() != Axis.OVERLAPPING;
        boolean columnsAddUp = shape.columns() != Axis.OVERLAPPING;
        Map<String, Object> totals = new LinkedHashMap<>();
        if (columnsAddUp) {
            totals.put(rows.column().name(), totals(rows, layer, layers, row -> new TallyTable.Cell(row, Axis.ALL)));
        }
        if (rowsAddUp) {
            totals.put(columns.column().name(), totals(columns, layer, layers, column -> new TallyTable.Cell(Axis.ALL, column)));
        }
        if (rowsAddUp && columnsAddUp) {
            List<Map<String, Object>> overall = layers.stream()
                    .map(each -> cell(layer, each, each.figures().at(Axis.ALL, Axis.ALL))).toList();
            totals.put("all", layer == null ? overall.getFirst() : overall);
        }
        return new Report(tables.asOf(), control.k(), reportColumns, cells, totals);
    }

    private static List<Map<String, Object>> totals(Dimension dimension, Column layer, List<Layer> layers,
                                                    Function<String, TallyTable.Cell> cellOf) {
        List<Map<String, Object>> totals = new ArrayList<>();
        for (String key : dimension.keys()) {
            TallyTable.Cell cell = cellOf.apply(key);
            for (Layer each : layers) {
                totals.add(cell(layer, each, each.figures().at(cell.row(), cell.column()), dimension.at(key)));
            }
        }
        return totals;
    }

    /** A cell or total as published: its coordinates in order, the kind of event when there are layers, the figure. */
    private static Map<String, Object> cell(Column layer, Layer each, Figure figure, Coordinate... coordinates) {
        Map<String, Object> cell = new LinkedHashMap<>();
        for (Coordinate coordinate : coordinates) {
            cell.put(coordinate.dimension().column().name(), coordinate.value());
        }
        if (layer != null) {
            cell.put(layer.name(), each.value());
        }
        cell.put(COUNT.name(), figure.count());
        cell.put(SUPPRESSED.name(), figure.suppressed());
        return cell;
    }

    private static Map<String, Object> row(List<Column> columns, Object... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).name(), values[i]);
        }
        return row;
    }

    private static List<String> countries(List<TallyTable.Published> tables) {
        return tables.stream().flatMap(table -> table.columnKeys().stream()).distinct().sorted(COUNTRIES).toList();
    }

    /** The periods from the first to the last with any figure, within from and to. */
    private static List<String> periods(List<TallyTable.Published> tables, Interval interval, LocalDate from, LocalDate to) {
        List<String> keys = tables.stream().flatMap(table -> table.rowKeys().stream()).filter(interval::keys)
                .distinct().sorted().toList();
        List<String> periods = new ArrayList<>();
        if (keys.isEmpty()) {
            return periods;
        }
        for (String key = keys.getFirst(); key.compareTo(keys.getLast()) <= 0; key = interval.next(key)) {
            if ((from == null || !interval.end(key).isBefore(from)) && (to == null || !interval.start(key).isAfter(to))) {
                periods.add(key);
            }
        }
        return periods;
    }

    private static <E extends Enum<E>> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(KebabCaseEnums::code).toList();
    }

    private static String code(Enum<?> value) {
        return KebabCaseEnums.code(value);
    }
}
