package org.corridor.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash-tests the whole system: for each process (and the broker and the database together) case creation runs
 * through the gateway as a careful partner system sends it, the process is killed with SIGKILL part-way through,
 * {@code corridor up} brings it back, and then every promise is checked: every case answered 2xx reads back, one case
 * per Idempotency-Key, report-service counts exactly the people case-service holds where the load created them, no
 * server error once recovered, and
 * (case-service killed) a policy published while it was down still re-scores its cases and alerts. An import accepted
 * before case-service is killed finishes after it is back, every line one case. Each scenario prints its figures.
 */
class FaultInjectionIT {

    private static final String ORGANISATION = "crossing-hope";
    private static final String OTHER_ORGANISATION = "open-road";
    private static final int IMPORTED_CASES = 5_000;
    private static final int CONCURRENCY = 4;
    private static final int CASES_BEFORE_THE_FAULT = 40;
    private static final int CASES_AFTER_RECOVERY = 40;
    private static final Duration DOWN_FOR = Duration.ofSeconds(2);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private static final LocalCorridor CORRIDOR = new LocalCorridor();
    private static Gateway gateway;
    private static String caseworker;
    private static String coordinator;

    enum Fault {
        CASE_SERVICE(corridor -> corridor.kill("case-service")),
        /** SIGTERM, as an orchestrator stops a pod: the requests in flight are answered, the new ones refused cleanly. */
        CASE_SERVICE_TERMINATED(corridor -> corridor.terminate("case-service")),
        REPORT_SERVICE(corridor -> corridor.kill("report-service")),
        POLICY_SERVICE(corridor -> corridor.kill("policy-service")),
        GATEWAY(corridor -> corridor.kill("gateway")),
        BROKER(corridor -> corridor.kill("kafka")),
        POSTGRESQL(LocalCorridor::killPostgresServer),
        BROKER_AND_POSTGRESQL(corridor -> {
            corridor.kill("kafka");
            corridor.killPostgresServer();
        });

        private final Consumer<LocalCorridor> inject;

        Fault(Consumer<LocalCorridor> inject) {
            this.inject = inject;
        }
    }

    @BeforeAll
    static void startCorridor() throws IOException {
        CORRIDOR.start();
        gateway = new Gateway(System.getProperty("corridor.gateway"), CORRIDOR.credentials());
        caseworker = gateway.key(ORGANISATION, "caseworker");
        coordinator = gateway.key(ORGANISATION, "coordinator");
    }

    @AfterAll
    static void stopCorridor() {
        CORRIDOR.stop();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void nothingAcknowledgedIsLostAndEveryPartHeals(Fault fault) throws Exception {
        List<JsonNode> before = gateway.all(caseworker, "/api/v1/cases");
        long peopleBefore = people(before);
        Set<String> casesBefore = caseIds(before);

        long started = System.nanoTime();
        Duration upTook;
        long killedAt;
        long recoveredAt;
        Set<String> acceptedBeforeTheFault;
        PublishedPolicy published = null;
        CaseLoad load = new CaseLoad(gateway, caseworker, CONCURRENCY);
        try {
            load.awaitAccepted(CASES_BEFORE_THE_FAULT, started, Duration.ofSeconds(60));
            acceptedBeforeTheFault = acceptedIds(load);
            killedAt = System.nanoTime();
            fault.inject.accept(CORRIDOR);
            if (fault == Fault.CASE_SERVICE) {
                published = publishRiskierPolicy(CaseLoad.COUNTRY);
            }
            Gateway.pause(DOWN_FOR);
            upTook = CORRIDOR.up();
            recoveredAt = System.nanoTime();
            load.awaitAccepted(CASES_AFTER_RECOVERY, recoveredAt, Duration.ofSeconds(60));
        } finally {
            load.close();
        }

        Map<Integer, Long> answers = load.statusesSince(started);
        long firstSuccessAfterKill = load.attempts.stream()
                .filter(attempt -> attempt.at() > killedAt && attempt.status() / 100 == 2)
                .mapToLong(CaseLoad.Attempt::at).min().orElse(killedAt);
        System.out.printf(Locale.ROOT, "fault %-22s requests %4d, answers %s, keys %d, retried %d, corridor up %.1f s, "
                        + "first 2xx after the kill %.1f s%n",
                fault, load.attempts.size(), answers, load.accepted.size() + load.refused.size(),
                load.attempts.size() - load.accepted.size() - load.refused.size(), upTook.toMillis() / 1000.0,
                (firstSuccessAfterKill - killedAt) / 1e9);

        assertEquals(Map.of(), load.refused, "Idempotency-Keys never answered 2xx (key -> last status)");
        assertEquals(List.of(), load.failedSince(recoveredAt), "server errors or unanswered requests once recovered");
        assertEquals(List.of(), load.attempts.stream().filter(attempt -> attempt.status() == 500).toList(),
                "unhandled errors (500) at any time: an outage is answered 503");
        Set<String> doubled = load.accepted.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(Set.of(), doubled, "Idempotency-Keys answered with more than one case");

        Set<String> acknowledged = acceptedIds(load);
        List<JsonNode> cases = gateway.all(caseworker, "/api/v1/cases");
        Set<String> created = caseIds(cases);
        created.removeAll(casesBefore);
        assertEquals(acknowledged, created, "the cases created are exactly the ones acknowledged: each reads back, "
                + "one per key");
        assertEquals(peopleBefore + acknowledged.size(), people(cases), "one person in each acknowledged case");
        String loadStatus = cases.stream().filter(entry -> acknowledged.contains(entry.get("id").asText()))
                .findFirst().orElseThrow().get("status").asText();
        assertReportAgrees(cases, CaseLoad.COUNTRY, loadStatus);

        if (published != null) {
            assertAlerted(published, acceptedBeforeTheFault);
        }
        if (fault == Fault.CASE_SERVICE_TERMINATED) {
            assertEquals(List.of(), load.failedSince(killedAt).stream()
                            .filter(attempt -> attempt.status() != 503).toList(),
                    "requests cut off by a graceful stop (only 503, service unavailable, may refuse new ones)");
        }
    }

    /**
     * An accepted import (202) is a promise: case-service killed with SIGKILL part-way through it, the import finishes
     * once it is back, and each line is one case, none twice. In the second organisation, so that the first's case
     * list, which the other scenarios read whole, stays small.
     */
    @Test
    void anAcceptedImportFinishesAfterCaseServiceIsKilledMidwayWithNoCaseTwice() throws Exception {
        String officer = gateway.key(OTHER_ORGANISATION, "protection-officer");
        String prefix = "crash-" + UUID.randomUUID();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < IMPORTED_CASES; i++) {
            file.append("{\"externalId\": \"").append(prefix).append('-').append(i).append("\", \"members\": [{\"alias\": \"A")
                    .append(i).append("\", \"sex\": \"female\", \"ageBand\": \"18-59\", \"legalName\": \"Invented ")
                    .append(i).append("\"}], \"currentCountry\": \"CN\", \"plannedRoute\": [\"CN\", \"KR\"]}\n");
        }
        Gateway.Answer accepted = gateway.upload(officer, "/api/v1/cases/imports", "application/x-ndjson",
                file.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.status(), accepted.body());
        String job = "/api/v1/cases/imports/" + accepted.json().get("id").asText();
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (gateway.ok(officer, "GET", job, null).get("created").asLong() == 0) {
            assertTrue(System.nanoTime() < deadline, "the import did not start");
            Gateway.pause(Duration.ofMillis(100));
        }
        CORRIDOR.kill("case-service");
        CORRIDOR.up();

        JsonNode finished = gateway.ok(officer, "GET", job, null);
        while (finished.get("status").asText().equals("running")) {
            assertTrue(System.nanoTime() < deadline + SETTLE_TIMEOUT.toNanos(), "the import did not finish after the restart");
            Gateway.pause(Duration.ofMillis(500));
            finished = gateway.ok(officer, "GET", job, null);
        }
        System.out.printf(Locale.ROOT, "import across a kill of case-service: %s%n", finished);
        assertEquals("completed", finished.get("status").asText());
        assertEquals(IMPORTED_CASES, finished.get("lines").asInt());
        assertEquals(IMPORTED_CASES, finished.get("created").asInt(), "each line created once, none lost");
        assertEquals(0, finished.get("replayed").asInt());
        List<String> imported = gateway.all(officer, "/api/v1/cases").stream()
                .filter(entry -> entry.get("members").get(0).get("legalName").asText().startsWith("Invented "))
                .map(entry -> entry.get("members").get(0).get("alias").asText()).toList();
        assertEquals(IMPORTED_CASES, imported.size(), "as many cases as lines");
        assertEquals(IMPORTED_CASES, Set.copyOf(imported).size(), "no line imported twice");
    }

    /**
     * Waits until report-service's overview cell of the country and status counts exactly the people case-service holds
     * there. The suite's Corridor holds no demo cases, so the organisation's only figures are the load's, large enough
     * never to be withheld; nothing changes either once the load has stopped.
     */
    private static void assertReportAgrees(List<JsonNode> cases, String country, String status) throws IOException {
        long held = people(cases.stream().filter(entry -> country.equals(entry.path("currentCountry").asText())
                && status.equals(entry.get("status").asText())).toList());
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            JsonNode cell = gateway.overviewCell(coordinator, country, status);
            if (cell.path("suppressed").asBoolean(false)) {
                throw new AssertionError("the overview withholds the cell the load fills: " + cell);
            }
            long reported = cell.path("count").asLong();
            if (held == reported) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("report-service counts " + reported + " people " + status + " in " + country
                        + ", case-service holds " + held + " (after " + SETTLE_TIMEOUT + ")");
            }
            Gateway.pause(Duration.ofMillis(500));
        }
    }

    private static long people(List<JsonNode> cases) {
        return cases.stream().mapToLong(entry -> entry.get("members").size()).sum();
    }

    /**
     * A new version of the country's policy, valid from today, at the highest risk level, drafted by an editor and
     * published by a different approver: every open case there must be re-scored and alerted.
     */
    private static PublishedPolicy publishRiskierPolicy(String country) throws IOException {
        String editor = gateway.key(ORGANISATION, "policy-editor");
        String approver = gateway.key(ORGANISATION, "policy-approver");
        ObjectNode draft = (ObjectNode) gateway.ok(editor, "GET", "/api/v1/countries/" + country + "/policy", null).deepCopy();
        draft.remove(List.of("id", "country", "recordedAt", "validTo"));
        draft.put("validFrom", LocalDate.now(ZoneOffset.UTC).toString());
        draft.put("riskLevel", "critical");
        draft.put("summary", "Fault-injection test: every crossing is treated as critical.");
        JsonNode written = gateway.ok(editor, "POST", "/api/v1/countries/" + country + "/policy/drafts", draft);
        gateway.ok(approver, "POST", "/api/v1/countries/" + country + "/policy/drafts/" + written.get("id").asText()
                + "/publish", null);
        return new PublishedPolicy(country, System.nanoTime());
    }

    private static void assertAlerted(PublishedPolicy published, Set<String> cases) throws IOException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        Set<String> alerted = new HashSet<>();
        while (!alerted.containsAll(cases)) {
            if (System.nanoTime() > deadline) {
                Set<String> missing = new HashSet<>(cases);
                missing.removeAll(alerted);
                throw new AssertionError(missing.size() + " of " + cases.size() + " cases in " + published.country()
                        + " were never alerted after the policy published while case-service was down");
            }
            alerted = alertedCases(published.country());
            Gateway.pause(Duration.ofMillis(500));
        }
        System.out.printf(Locale.ROOT, "policy published while case-service was down: %d cases alerted, %.1f s after "
                + "publication%n", cases.size(), (System.nanoTime() - published.at()) / 1e9);
    }

    private static Set<String> alertedCases(String country) throws IOException {
        return gateway.all(coordinator, "/api/v1/alerts").stream()
                .filter(alert -> alert.get("country").asText().equals(country) && alert.get("newRisk").asText().equals("critical"))
                .map(alert -> alert.get("caseId").asText())
                .collect(Collectors.toSet());
    }

    private static Set<String> acceptedIds(CaseLoad load) {
        return load.accepted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    }

    private static Set<String> caseIds(List<JsonNode> cases) {
        return cases.stream().map(entry -> entry.get("id").asText()).collect(Collectors.toCollection(HashSet::new));
    }

    private record PublishedPolicy(String country, long at) {
    }
}
