package org.corridor.report.event;

import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.corridor.infra.testing.CorridorTestInfrastructure;
import org.corridor.infra.testing.TestKafka;
import org.corridor.platform.events.CloudEventCodec;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.EventHandler;
import org.corridor.platform.events.ProcessedEvents;
import org.corridor.report.Events.Band;
import org.corridor.report.Events.CaseAt;
import org.corridor.report.domain.Scope;
import org.corridor.report.service.ProtectedTables;
import org.corridor.report.Events;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.corridor.infra.testing.InternalTokens.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(CorridorTestInfrastructure.class)
class ReportProjectionTest {

    static final String ANALYST = bearer("report-tests", "analyst");
    static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-01-15T08:30:00Z");

    @Inject
    DataSource dataSource;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    CaseEventConsumer caseEvents;

    @Inject
    PolicyEventConsumer policyEvents;

    @Inject
    ProtectedTables protectedTables;

    /** Opens a case of {@code people} adults, then records a journey event: two events, as case-service sends them. */
    CaseAt caseIn(String organisation, int people, String kind, String country, String status) {
        CaseAt opened = CaseAt.opened(organisation, new Band("female", "18-59", people));
        CaseAt moved = opened.journey(kind, country, "2025-11-20", status);
        Events.sendAndAwait(dataSource, opened, Events.caseEvent("opened", opened, MORNING),
                Events.caseEvent("journey-recorded", moved, MORNING));
        return moved;
    }

    long tally(String statistic, Scope scope, String row, String column) {
        try (var connection = dataSource.getConnection();
             var query = connection.prepareStatement("""
                     SELECT coalesce(sum(people), 0) FROM tally
                     WHERE statistic = ? AND scope = ? AND row_key = ? AND column_key = ?""")) {
            query.setString(1, statistic);
            query.setString(2, scope.key());
            query.setString(3, row);
            query.setString(4, column);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void casesShowInTheirOrganisationsOverviewAndASmallCellIsWithheldWithItsBlock() {
        String org = "org-" + UUID.randomUUID();
        for (int people : List.of(5, 4, 3)) {
            caseIn(org, people, "entered-country", "CN", "in-transit");
        }
        for (int people : List.of(4, 3)) {
            caseIn(org, people, "entered-country", "MN", "in-transit");
            caseIn(org, people, "detained", "CN", "detained");
        }
        caseIn(org, 2, "detained", "MN", "detained");

        given().header("Authorization", bearer(org, "coordinator")).when().get("/api/v1/reports/overview").then()
                .statusCode(200)
                .contentType("application/json")
                .body("k", equalTo(5))
                .body("asOf", equalTo("2026-01-15T08:30:00Z"))
                .body("cells.find { it.status == 'detained' && it.country == 'MN' }.count", nullValue())
                .body("cells.find { it.status == 'detained' && it.country == 'MN' }.suppressed", equalTo(true))
                .body("cells.find { it.status == 'in-transit' && it.country == 'CN' }.suppressed", equalTo(true))
                .body("cells.find { it.status == 'open' && it.country == 'CN' }.count", equalTo(0))
                .body("cells.find { it.status == 'open' && it.country == 'CN' }.suppressed", equalTo(false))
                .body("totals.status.find { it.status == 'in-transit' }.count", equalTo(19))
                .body("totals.status.find { it.status == 'detained' }.count", equalTo(9))
                .body("totals.country.find { it.country == 'CN' }.count", equalTo(19))
                .body("totals.all.count", equalTo(28))
                .body("totals.all.suppressed", equalTo(false));
    }

    @Test
    void anEventOlderThanTheLastOneAppliedStillShowsInTheReportsThoughItsTimeLeavesAsOfWhereItWas() {
        String org = "org-" + UUID.randomUUID();
        caseIn(org, 5, "detained", "CN", "detained");
        caseIn(org, 5, "detained", "CN", "detained");
        for (int late = 0; late < 2; late++) {
            CaseAt opened = CaseAt.opened(org, new Band("male", "18-59", 5));
            Events.sendAndAwait(dataSource, opened, Events.caseEvent("opened", opened, MORNING.minusDays(3)));
        }

        given().header("Authorization", bearer(org, "coordinator")).when().get("/api/v1/reports/overview").then()
                .statusCode(200)
                .body("asOf", equalTo("2026-01-15T08:30:00Z"))
                .body("cells.find { it.status == 'open' && it.country == null }.count", equalTo(10))
                .body("totals.all.count", equalTo(20));
    }

    @Test
    void aRedeliveredEventOrASecondEventOfTheSameRevisionCountsNothingTwice() {
        String org = "org-" + UUID.randomUUID();
        CaseAt opened = CaseAt.opened(org, new Band("male", "18-59", 3), new Band("female", "0-4", 2));
        CaseAt detained = opened.journey("detained", "CN", "2025-10-02", "detained");
        var journeyRecorded = Events.caseEvent("journey-recorded", detained);
        Events.sendAndAwait(dataSource, opened, Events.caseEvent("opened", opened), journeyRecorded,
                Events.caseEvent("status-changed", detained.stateOnly()));
        assertEquals(5, tally("OVERVIEW", Scope.of(org), "detained", "CN"));
        assertEquals(5, tally("DETAINED", Scope.of(org), "2025-10", "CN"));

        Events.send(CorridorTopics.CASE_EVENTS, opened.caseId().toString(), journeyRecorded);
        CaseAt marker = CaseAt.opened(org, new Band("male", "60+", 1));
        Events.sendAndAwait(dataSource, marker, Events.caseEvent("opened", marker));

        assertEquals(5, tally("OVERVIEW", Scope.of(org), "detained", "CN"));
        assertEquals(5, tally("DETAINED", Scope.of(org), "2025-10", "CN"));
        assertEquals(2, tally("SEX_AGE", Scope.of(org), "female", "0-4"));
        assertEquals(6, tally("OVERVIEW", Scope.of(org), "*", "*"));
    }

    @Test
    void anOlderRevisionArrivingLateNeverReplacesANewerState() {
        String org = "org-" + UUID.randomUUID();
        CaseAt opened = CaseAt.opened(org, new Band("female", "18-59", 4));
        CaseAt inTransit = opened.journey("entered-country", "CN", "2025-09-01", "in-transit");
        CaseAt detained = inTransit.journey("detained", "CN", "2025-09-03", "detained");
        Events.sendAndAwait(dataSource, opened, Events.caseEvent("opened", opened),
                Events.caseEvent("journey-recorded", detained), Events.caseEvent("journey-recorded", inTransit));

        assertEquals(4, tally("OVERVIEW", Scope.of(org), "detained", "CN"));
        assertEquals(0, tally("OVERVIEW", Scope.of(org), "in-transit", "CN"));
        assertEquals(4, tally("DETAINED", Scope.of(org), "2025-09", "CN"), "the late event's journey step still counts");
    }

    @Test
    void aTransferMovesTheCaseToItsNewOrganisationsFiguresAndKeepsItsPastWithTheOld() {
        String from = "org-" + UUID.randomUUID();
        String to = "org-" + UUID.randomUUID();
        CaseAt detained = caseIn(from, 6, "detained", "LA", "detained");
        long allBefore = tally("OVERVIEW", Scope.ALL, "detained", "LA");
        CaseAt transferred = detained.transferredTo(to);
        Events.sendAndAwait(dataSource, transferred, Events.caseEvent("transferred", transferred));

        assertEquals(0, tally("OVERVIEW", Scope.of(from), "detained", "LA"));
        assertEquals(6, tally("OVERVIEW", Scope.of(to), "detained", "LA"));
        assertEquals(allBefore, tally("OVERVIEW", Scope.ALL, "detained", "LA"));
        assertEquals(6, tally("DETAINED", Scope.of(from), "2025-11", "LA"), "the detention happened while the first organisation had the case");
        assertEquals(0, tally("DETAINED", Scope.of(to), "2025-11", "LA"));
    }

    @Test
    void anErasedCaseKeepsCountingWhereItWas() {
        String org = "org-" + UUID.randomUUID();
        CaseAt detained = caseIn(org, 6, "detained", "LA", "detained");
        long allBefore = tally("OVERVIEW", Scope.ALL, "detained", "LA");
        CaseAt erased = detained.erased();
        Events.sendAndAwait(dataSource, erased, Events.caseEvent("erased", erased));

        assertEquals(6, tally("OVERVIEW", Scope.of(org), "detained", "LA"));
        assertEquals(allBefore, tally("OVERVIEW", Scope.ALL, "detained", "LA"));
        assertEquals(6, tally("DETAINED", Scope.of(org), "2025-11", "LA"));
    }

    @Test
    void aPublishedPolicyShowsInThePolicyTimelineSupersededFromItsValidFrom() {
        var before = Events.policyPublished("MM", "2014-01-01", null, "high", "2026-01-01T00:00:00Z");
        var after = Events.policyPublished("MM", "2020-01-01", null, "critical", "2026-03-01T00:00:00Z");
        Events.send(CorridorTopics.POLICY_EVENTS, "MM", before, after);
        Events.await(dataSource, before, after);

        given().header("Authorization", ANALYST).queryParam("country", "mm").when().get("/api/v1/reports/policy-timeline")
                .then().statusCode(200)
                .body("cells.size()", equalTo(2))
                .body("cells[0].validFrom", equalTo("2014-01-01"))
                .body("cells[0].validTo", equalTo("2020-01-01"))
                .body("cells[0].riskLevel", equalTo("high"))
                .body("cells[1].validFrom", equalTo("2020-01-01"))
                .body("cells[1].validTo", nullValue())
                .body("cells[1].riskLevel", equalTo("critical"))
                .body("cells[1].repatriation", equalTo("forced"));
    }

    @Test
    void replayingEveryEventFromOffsetZeroIntoFreshTablesGivesIdenticalReports() throws Exception {
        String org = "org-" + UUID.randomUUID();
        for (int people : List.of(6, 5, 7)) {
            CaseAt arrived = caseIn(org, people, "arrived", "KR", "resettled");
            CaseAt vulnerable = arrived.withVulnerabilities(Map.of("elderly", 1));
            Events.sendAndAwait(dataSource, vulnerable, Events.caseEvent("updated", vulnerable));
        }
        var policy = Events.policyPublished("KH", "2010-01-01", null, "medium", "2026-01-01T00:00:00Z");
        Events.send(CorridorTopics.POLICY_EVENTS, "KH", policy);
        Events.await(dataSource, policy);
        Map<String, String> before = reports(org);

        // revisions first: the background step reads them before the tallies, so locking them first cannot deadlock with it
        execute("TRUNCATE tally_revision, case_figures, tally, event_clock, policy_version, processed_event");
        replay(CorridorTopics.CASE_EVENTS, caseEvents);
        replay(CorridorTopics.POLICY_EVENTS, policyEvents);
        assertEquals(before, reports(org), "a replay from offset 0 rebuilds the same figures");

        replay(CorridorTopics.CASE_EVENTS, caseEvents);
        assertEquals(before, reports(org), "and replaying again changes nothing");
    }

    /**
     * Every record of the topic from offset 0, applied as the platform's consumer applies it: what it put on the
     * dead-letter topic (the poison records of other tests on the same broker) is left out.
     */
    void replay(String topic, EventHandler handler) {
        Set<String> deadLettered = TestKafka.records(CorridorTopics.deadLetterOf(topic)).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        for (ConsumerRecord<String, byte[]> record : TestKafka.records(topic)) {
            if (deadLettered.contains(new String(record.value(), StandardCharsets.UTF_8))) {
                continue;
            }
            CloudEvent event = CloudEventCodec.decode(record.value());
            QuarkusTransaction.requiringNew().run(() -> processedEvents.recordFirstDeliveries(List.of(event)).forEach(handler::handle));
        }
    }

    Map<String, String> reports(String org) {
        protectedTables.refresh();
        Map<String, String> reports = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(List.of("overview", "demographics", "vulnerabilities",
                "arrivals?interval=month", "arrivals?interval=year", "detentions?interval=month", "policy-timeline"));
        for (String path : paths) {
            reports.put(path, given().header("Authorization", ANALYST).when().get("/api/v1/reports/" + path)
                    .then().statusCode(200).extract().asString());
            reports.put(org + " " + path, given().header("Authorization", bearer(org, "coordinator"))
                    .when().get("/api/v1/reports/" + path).then().statusCode(200).extract().asString());
        }
        return reports;
    }

    void execute(String sql) throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
