package org.corridor.report.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.json.QueryParameters;
import org.corridor.platform.problem.ProblemException;
import org.corridor.report.domain.Interval;
import org.corridor.report.domain.Report;
import org.corridor.report.domain.Scope;
import org.corridor.report.service.RenderedReport;
import org.corridor.report.service.ReportFormat;
import org.corridor.report.service.ReportQuery;
import org.corridor.report.service.ReportService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

@Path("/api/v1/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@RolesAllowed({Roles.ANALYST, Roles.COORDINATOR})
@Tag(name = "Reports", description = ReportResource.METHOD)
@APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)),
        @Content(mediaType = ReportResource.CSV, schema = @Schema(type = SchemaType.STRING,
                description = "One row per cell; with format=hxl a second row of HXL hashtags"))})
public class ReportResource {

    static final String CSV = "text/csv";
    private static final String HASHTAGS = "hashtags";

    static final String METHOD = """
            Statistics built only from case and policy events. report-service holds no personal data and no alias: \
            codes, counts, months and country codes.

            **Who sees what.** Analysts see the figures of all organisations together; a coordinator sees their own \
            organisation's. Nobody can ask for another organisation's figures, and an analyst cannot ask for one \
            organisation's figures on their own: subtracting them from the figures of all would expose the others'.

            An organisation knows its own figures (it holds the cases), so the figures of all organisations are shown \
            to each organisation's analysts protected as well against all organisations less that organisation's \
            own: what the other organisations count together. A figure of all organisations is withheld from them \
            where it would give away a small figure of the others, so analysts of different organisations can see \
            different figures withheld; a published figure is the same for everyone. An organisation's own figures \
            are never withheld from it for the others' sake.

            **Disclosure control.** Every figure, cell or total, counts people. A figure is withheld \
            (`"count": null, "suppressed": true`) when it counts 1 to k-1 people (k is 5 unless configured, never \
            below 3), or when all its people belong to one case: a family or group travelling together, whom the \
            figure would describe alone. Zero is published as zero.

            Secondary suppression: a reader knows every published figure, which figures add up to which totals, and \
            that a withheld figure is at least 1. No withheld figure may be worked out from that, neither exactly from \
            the totals nor by squeezing it between them (two withheld figures that must add up to 2 are both 1). The \
            service checks every withheld figure by Gauss-Jordan elimination over the withheld figures, holding the \
            withheld 1s where they are unless it can show that they may rise; while some withheld figure can be \
            worked out, a published figure sharing a total with it (an inner cell before a total, the smallest first) \
            is withheld too, and the check runs again. If no such partner is left, every figure of the table is \
            withheld. The check errs on the side of withholding.

            Each table is protected whole (every cell and total, months and years together) before anything is picked \
            from it, so no choice of `interval`, `from` and `to` reveals a figure another choice withholds. Hence \
            `from` and `to` list whole periods, the totals by country and overall cover all periods, and the reports \
            of people as they are now (overview, demographics, vulnerabilities) take no period at all: windows over \
            them could be subtracted from one another.

            **Freshness.** `asOf` is the time of the last event applied to the figures in the report's scope (also \
            sent as Last-Modified).

            **Formats.** JSON by default; `Accept: text/csv` (or `format=csv`) gives CSV with one row per cell; \
            `format=hxl` gives that CSV with a second row of HXL hashtags (`#country+code`, `#date`, \
            `#affected+refugees`...) for humanitarian data exchange.

            **Limits.** Figures are protected one table at a time. Someone who combines different reports, the same \
            report at different times, or the figures of several organisations (organisations pooling what they \
            know), can learn more than one table shows: publish outside Corridor from periodic snapshots. The \
            guarantee is against working out a withheld figure \
            from the published ones and the totals; a reader who re-runs the choice of partners above on every table \
            that fits what is published can sometimes tell that a withheld figure is at its smallest, since larger \
            values would have withheld more. Treat a withheld figure as "a few people", never as "none".""";


    private static final String ORG_REFUSED = "`org` is not your own organisation, or you are an analyst (who sees "
            + "all organisations together, never one on its own); or your roles do not allow reports.";

    private static final String OVERVIEW_EXAMPLE = """
            {"asOf": "2024-03-21T07:45:02Z", "k": 5,
             "cells": [
              {"status": "in-transit", "country": "CN", "count": null, "suppressed": true},
              {"status": "detained", "country": "CN", "count": null, "suppressed": true},
              {"status": "in-transit", "country": "MN", "count": null, "suppressed": true},
              {"status": "detained", "country": "MN", "count": null, "suppressed": true},
              {"status": "in-transit", "country": "TH", "count": 12, "suppressed": false},
              {"status": "detained", "country": "TH", "count": 6, "suppressed": false}],
             "totals": {
              "status": [{"status": "in-transit", "count": 33, "suppressed": false},
                         {"status": "detained", "count": 15, "suppressed": false}],
              "country": [{"country": "CN", "count": 25, "suppressed": false},
                          {"country": "MN", "count": 5, "suppressed": false},
                          {"country": "TH", "count": 18, "suppressed": false}],
              "all": {"count": 48, "suppressed": false}}}""";

    private static final List<Variant> VARIANTS =
            Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MediaType.valueOf(CSV)).build();

    private final ReportService reports;
    private final Caller caller;

    @Context
    UriInfo uri;

    @Context
    Request request;

    public ReportResource(ReportService reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/overview")
    @Operation(operationId = "getOverviewReport", summary = "People by present status × current country",
            description = "Cells: status × country (null: in no country yet). Totals by status, by country, and all.")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class),
                    examples = @ExampleObject(name = "three-countries", value = OVERVIEW_EXAMPLE, summary = "MN's figures "
                            + "are withheld (fewer than 5 people), and so are CN's, which would give them away through the totals")),
            @Content(mediaType = ReportResource.CSV, schema = @Schema(type = SchemaType.STRING,
                    description = "One row per cell; with format=hxl a second row of HXL hashtags"))})
    @APIResponse(responseCode = "403", description = ORG_REFUSED)
    public Response overview(@BeanParam Audience audience, @BeanParam Format format) {
        return now(ReportQuery.Kind.OVERVIEW, audience, chosen(format.format()), Format.NAMES);
    }

    @GET
    @Path("/demographics")
    @Operation(operationId = "getDemographicsReport", summary = "People by sex × age band",
            description = "Cells: sex × ageBand (UNHCR's brackets). Totals by sex, by age band, and all. "
                    + "Vulnerabilities are in /api/v1/reports/vulnerabilities.")
    @APIResponse(responseCode = "403", description = ORG_REFUSED)
    public Response demographics(@BeanParam Audience audience, @BeanParam Format format) {
        return now(ReportQuery.Kind.DEMOGRAPHICS, audience, chosen(format.format()), Format.NAMES);
    }

    @GET
    @Path("/vulnerabilities")
    @Operation(operationId = "getVulnerabilitiesReport", summary = "People with each vulnerability × present status",
            description = "Cells: vulnerability × status. A person can have several vulnerabilities, so vulnerabilities "
                    + "do not add up: totals are by vulnerability only.")
    @APIResponse(responseCode = "403", description = ORG_REFUSED)
    public Response vulnerabilities(@BeanParam Audience audience, @BeanParam Format format) {
        return now(ReportQuery.Kind.VULNERABILITIES, audience, chosen(format.format()), Format.NAMES);
    }

    @GET
    @Path("/arrivals")
    @Operation(operationId = "getArrivalsReport", summary = "People arriving, by period × country of arrival",
            description = "Cells: period (YYYY-MM or YYYY) × country, from `arrived` journey events, counting the case's "
                    + "people. Totals by period (of the periods listed), by country and all (over all periods).")
    @APIResponse(responseCode = "403", description = ORG_REFUSED)
    public Response arrivals(@BeanParam Audience audience, @BeanParam Periods periods, @BeanParam Format format) {
        return overTime(ReportQuery.Kind.ARRIVALS, audience, periods, chosen(format.format()), Format.NAMES);
    }

    @GET
    @Path("/detentions")
    @Operation(operationId = "getDetentionsReport",
            summary = "People detained, fined, repatriated and handed to an embassy, by period × country",
            description = "Cells: period × country × kind (detained, fined, repatriated, handed-to-embassy), from journey "
                    + "events, counting the case's people. Kinds do not add up (the same people can be detained, then "
                    + "repatriated): totals are per kind, by period (listed), by country and all (over all periods).")
    @APIResponse(responseCode = "403", description = ORG_REFUSED)
    public Response detentions(@BeanParam Audience audience, @BeanParam Periods periods, @BeanParam Format format) {
        return overTime(ReportQuery.Kind.DETENTIONS, audience, periods, chosen(format.format()), Format.NAMES);
    }

    @GET
    @Path("/policy-timeline")
    @Operation(operationId = "getPolicyTimelineReport", summary = "Country policy versions and risk over time",
            description = "One cell per stretch of time a published policy version was in force (a later publication "
                    + "supersedes earlier ones from its validFrom), with its risk level and practices. Policies are "
                    + "public facts about states, not about people: nothing is counted or withheld, and totals are empty. "
                    + "`from` and `to` keep the stretches in force on any day between them.")
    public Response policyTimeline(@BeanParam PolicyStretches stretches, @BeanParam Format format) {
        return policyTimeline(stretches, chosen(format.format()), Format.NAMES);
    }

    @GET
    @Path("/{report: overview|demographics|vulnerabilities|arrivals|detentions|policy-timeline}.csv")
    @Produces(CSV)
    @Operation(operationId = "getReportCsv", summary = "A report as CSV, for spreadsheets and humanitarian data exchange",
            description = "The same figures as the report's JSON form, one row per cell, protected the same way. Each "
                    + "report takes the parameters of its JSON form (a parameter another report takes is refused). "
                    + "Generated clients read the answer as text.")
    @APIResponse(responseCode = "200", description = "The report, one row per cell", content = @Content(
            mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
                    description = "One row per cell; with hashtags=true a second row of HXL hashtags")))
    @APIResponse(responseCode = "403", description = ORG_REFUSED)
    @APIResponse(responseCode = "404", description = "There is no report of that name.")
    public Response csv(
            @PathParam("report") @Parameter(description = "Which report", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"overview", "demographics", "vulnerabilities", "arrivals", "detentions",
                            "policy-timeline"})) String report,
            @QueryParam(HASHTAGS) @Parameter(description = "Adds a second row of HXL hashtags (`#country+code`, "
                    + "`#date`, `#affected+refugees`...) after the column names", schema = @Schema(
                    type = SchemaType.BOOLEAN, defaultValue = "false")) String hashtags,
            @BeanParam Audience audience, @BeanParam Periods periods,
            @QueryParam("country") @Parameter(description = "Policy timeline only: ISO 3166-1 alpha-2 code; all "
                    + "countries when absent") String country) {
        ReportFormat format = QueryParameters.flag(HASHTAGS, hashtags) ? ReportFormat.HXL : ReportFormat.CSV;
        Set<String> formatNames = Set.of(HASHTAGS);
        return switch (report) {
            case "overview" -> now(ReportQuery.Kind.OVERVIEW, audience, format, formatNames);
            case "demographics" -> now(ReportQuery.Kind.DEMOGRAPHICS, audience, format, formatNames);
            case "vulnerabilities" -> now(ReportQuery.Kind.VULNERABILITIES, audience, format, formatNames);
            case "arrivals" -> overTime(ReportQuery.Kind.ARRIVALS, audience, periods, format, formatNames);
            case "detentions" -> overTime(ReportQuery.Kind.DETENTIONS, audience, periods, format, formatNames);
            default -> policyTimeline(new PolicyStretches(country, periods.from(), periods.to()), format, formatNames);
        };
    }

    private Response now(ReportQuery.Kind kind, Audience audience, ReportFormat format, Set<String> formatNames) {
        onlyParameters(Audience.NAMES, formatNames);
        return answer(reports.report(scope(audience.org()), caller.organisation(), ReportQuery.now(kind), format), format);
    }

    private Response overTime(ReportQuery.Kind kind, Audience audience, Periods periods, ReportFormat format,
                              Set<String> formatNames) {
        onlyParameters(Audience.NAMES, Periods.NAMES, formatNames);
        Window window = window(periods.from(), periods.to());
        return answer(reports.report(scope(audience.org()), caller.organisation(),
                new ReportQuery(kind, interval(periods.interval()), window.from(), window.to()), format), format);
    }

    private Response policyTimeline(PolicyStretches stretches, ReportFormat format, Set<String> formatNames) {
        onlyParameters(PolicyStretches.NAMES, formatNames);
        Window window = window(stretches.from(), stretches.to());
        String country = stretches.country();
        String code = country == null || country.isEmpty() ? null : CountryCodes.require("country", country);
        return answer(reports.policyTimeline(code, window.from(), window.to(), format), format);
    }

    /** Whose figures: the parameter every report of people takes. */
    public record Audience(
            @QueryParam("org") @Parameter(description = "Your own organisation (coordinators only). Without it an analyst "
                    + "gets all organisations' figures together and a coordinator their own organisation's.") String org) {

        static final Set<String> NAMES = Set.of("org");
    }

    /** How the report is written; overrides the Accept header. */
    public record Format(
            @QueryParam("format") @Parameter(description = "json, csv, or hxl (CSV with a second row of HXL hashtags); "
                    + "overrides Accept. Generated clients read CSV through getReportCsv instead, which answers text.",
                    deprecated = true, schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv", "hxl"}))
            String format) {

        static final Set<String> NAMES = Set.of("format");
    }

    /** Which stretches of policy the policy timeline lists. */
    public record PolicyStretches(
            @QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-2 code; all countries when absent")
            String country,
            @QueryParam("from") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) String from,
            @QueryParam("to") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) String to) {

        static final Set<String> NAMES = Set.of("country", "from", "to");
    }

    /** Which periods a report over time lists. */
    public record Periods(
            @QueryParam("interval") @Parameter(description = "Length of the periods (default year)", schema = @Schema(
                    type = SchemaType.STRING, enumeration = {"month", "year"}, defaultValue = "year")) String interval,
            @QueryParam("from") @Parameter(description = "List the periods from the one containing this day",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) String from,
            @QueryParam("to") @Parameter(description = "List the periods up to the one containing this day",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) String to) {

        static final Set<String> NAMES = Set.of("interval", "from", "to");
    }

    /**
     * Whose figures: all organisations' for an analyst, the caller's own organisation's for a coordinator or on
     * request. One organisation's figures are never given to anyone outside it, nor to an analyst, who could subtract
     * them from the figures of all.
     */
    private Scope scope(String org) {
        if (org == null || org.isEmpty()) {
            return caller.hasRole(Roles.ANALYST) ? Scope.ALL : Scope.of(caller.organisation());
        }
        if (caller.hasRole(Roles.COORDINATOR) && org.equals(caller.organisation())) {
            return Scope.of(org);
        }
        throw ProblemException.forbidden("Only a coordinator can ask for organisation figures, and only for their own "
                + "organisation; analysts see all organisations together.");
    }

    /** Refuses a parameter the report does not take rather than answering as if it had not been given. */
    @SafeVarargs
    private void onlyParameters(Set<String>... allowed) {
        for (String name : uri.getQueryParameters().keySet()) {
            if (Arrays.stream(allowed).noneMatch(names -> names.contains(name))) {
                boolean period = name.equals("from") || name.equals("to") || name.equals("interval");
                throw ProblemException.invalidField(name, period
                        ? "does not apply: this report counts people as they are now, and windows over it could be "
                        + "subtracted from one another"
                        : "is not a parameter of this report");
            }
        }
    }

    private static Interval interval(String value) {
        return QueryParameters.enumValue("interval", value, Interval.class).orElse(Interval.YEAR);
    }

    private record Window(LocalDate from, LocalDate to) {
    }

    private static Window window(String from, String to) {
        var window = new Window(QueryParameters.date("from", from).orElse(null), QueryParameters.date("to", to).orElse(null));
        if (window.from() != null && window.to() != null && window.to().isBefore(window.from())) {
            throw ProblemException.invalidField("to", "is before from");
        }
        return window;
    }


    private static Response answer(RenderedReport report, ReportFormat format) {
        Response.ResponseBuilder response = Response.ok(report.body(),
                format == ReportFormat.JSON ? MediaType.APPLICATION_JSON : CSV + "; charset=UTF-8");
        if (report.asOf() != null) {
            response.lastModified(Date.from(report.asOf()));
        }
        // negotiation (Request.selectVariant) adds Vary: Accept itself; with ?format= the answer does not vary
        return response.build();
    }

    private ReportFormat chosen(String format) {
        return QueryParameters.enumValue("format", format, ReportFormat.class).orElseGet(this::negotiated);
    }

    private ReportFormat negotiated() {
        Variant variant = request.selectVariant(VARIANTS);
        return variant != null && variant.getMediaType().isCompatible(MediaType.valueOf(CSV)) ? ReportFormat.CSV : ReportFormat.JSON;
    }
}
