package org.corridor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.corridor.client.api.CasesApi;
import org.corridor.client.api.ChangesApi;
import org.corridor.client.api.CountryPoliciesApi;
import org.corridor.client.api.ReportsApi;
import org.corridor.client.model.AgeBand;
import org.corridor.client.model.CaseRequest;
import org.corridor.client.model.CaseStatus;
import org.corridor.client.model.CaseView;
import org.corridor.client.model.Change;
import org.corridor.client.model.ChangePage;
import org.corridor.client.model.ChangeType;
import org.corridor.client.model.CountryView;
import org.corridor.client.model.Member;
import org.corridor.client.model.MemberInput;
import org.corridor.client.model.PolicyVersion;
import org.corridor.client.model.Problem;
import org.corridor.client.model.Repatriation;
import org.corridor.client.model.Report;
import org.corridor.client.model.RiskLevel;
import org.corridor.client.model.Sex;
import org.corridor.client.model.Vulnerability;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client generated from {@code docs/api/corridor.openapi.json}, used as a partner would (no generated source
 * changed), against Corridor as {@code deploy/local/test-instance up} runs it: reference policies, demo cases, demo keys.
 */
class CorridorClientIT {

    private static final String GATEWAY = System.getProperty("corridor.gateway");
    private static final Path CREDENTIALS = Path.of(System.getProperty("corridor.credentials"));

    @Test
    void countriesAndTheirPolicies() throws ApiException {
        var policies = new CountryPoliciesApi(clientFor("crossing-hope", "caseworker"));

        Map<String, RiskLevel> riskByCountry = policies.listCountries().stream()
                .collect(toMap(CountryView::getCode, CountryView::getRiskLevel));
        assertEquals(Set.of("KP", "CN", "MN", "VN", "LA", "TH", "KR"), riskByCountry.keySet());
        assertEquals(RiskLevel.CRITICAL, riskByCountry.get("CN"));
        assertEquals(RiskLevel.LOW, riskByCountry.get("KR"));

        PolicyVersion today = policies.getCountryPolicy("CN", null, null);
        assertEquals("CN", today.getCountry());
        assertEquals(LocalDate.parse("2008-08-01"), today.getValidFrom());
        assertNull(today.getValidTo());
        assertEquals(Repatriation.FORCED, today.getRepatriation());
        assertEquals(RiskLevel.CRITICAL, today.getRiskLevel());
        assertFalse(today.getSources().isEmpty());

        PolicyVersion beforeTheOlympics = policies.getCountryPolicy("CN", null, "2008-06-01");
        assertEquals(LocalDate.parse("2008-08-01"), beforeTheOlympics.getValidTo());
        assertEquals(RiskLevel.HIGH, beforeTheOlympics.getRiskLevel());
    }

    @Test
    void aCaseOpenedOnceIsReadBackAndCountedInTheOverview() throws ApiException, InterruptedException, IOException {
        var reports = new ReportsApi(clientFor("crossing-hope", "analyst"));
        long peopleBefore = peopleIn(reports.getOverviewReport(null, null));

        var cases = new CasesApi(clientFor("crossing-hope", "caseworker"));
        String idempotencyKey = UUID.randomUUID().toString();
        CaseRequest request = new CaseRequest()
                .addMembersItem(new MemberInput().alias("Client-Smoke-Willow").sex(Sex.FEMALE).ageBand(AgeBand._18_59)
                        .vulnerabilities(Set.of(Vulnerability.PREGNANT)).legalName("Invented Name"))
                .addMembersItem(new MemberInput().alias("Client-Smoke-Wren").sex(Sex.FEMALE).ageBand(AgeBand._5_11))
                .currentCountry("CN")
                .plannedRoute(List.of("CN", "MN", "KR"));

        CaseView opened = cases.openCase(request, idempotencyKey);
        assertNotNull(opened.getId());
        assertEquals("crossing-hope", opened.getOrganisation());
        assertEquals(CaseStatus.OPEN, opened.getStatus());
        assertEquals(RiskLevel.CRITICAL, opened.getRisk().getLevel());
        assertEquals(opened.getId(), cases.openCase(request, idempotencyKey).getId());

        CaseView read = cases.getCase(opened.getId());
        assertEquals(opened.getId(), read.getId());
        assertEquals(List.of("CN", "MN", "KR"), read.getPlannedRoute());
        assertEquals(List.of("Client-Smoke-Willow", "Client-Smoke-Wren"), read.getMembers().stream().map(Member::getAlias).toList());
        assertEquals(Set.of(Vulnerability.PREGNANT), read.getMembers().getFirst().getVulnerabilities());
        assertTrue(read.getPersonalDataMasked());
        assertNull(read.getMembers().getFirst().getLegalName());

        // reports are built from case events, a moment after the case is written; the retry added nobody
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Report overview = reports.getOverviewReport(null, null);
        while (peopleIn(overview) != peopleBefore + 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            overview = reports.getOverviewReport(null, null);
        }
        assertEquals(peopleBefore + 2, peopleIn(overview));
        assertEquals(5, overview.getK());
        assertNotNull(overview.getAsOf());
        assertFalse(overview.getCells().isEmpty());

        // The CSV form is an operation of its own that answers text: TypeScript and other generated clients return it
        // as a string. openapi-generator's native Java client parses every answer but text/plain as JSON, so a Java
        // partner reads it through the client's own HTTP client and credentials.
        ApiClient analyst = clientFor("crossing-hope", "analyst");
        HttpRequest.Builder csvRequest = HttpRequest.newBuilder(
                URI.create(analyst.getBaseUri() + "/api/v1/reports/overview.csv?hashtags=true"));
        analyst.getRequestInterceptor().accept(csvRequest);
        HttpResponse<String> hxl = analyst.getHttpClient().send(csvRequest.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, hxl.statusCode());
        assertTrue(hxl.body().startsWith("status,country,count,suppressed\r\n#status,#country+code,"), hxl.body());
    }

    @Test
    void aPartnerKeepsInStepThroughTheChangeFeedAndFindsCasesByFilter() throws ApiException, InterruptedException {
        ApiClient caseworker = clientFor("crossing-hope", "caseworker");
        var changes = new ChangesApi(caseworker);
        var cases = new CasesApi(caseworker);
        ChangePage page = changes.listChanges(null, 1000, null);
        while (!page.getItems().isEmpty()) {
            page = changes.listChanges(page.getNext(), 1000, null);
        }
        String cursor = page.getNext();

        CaseView opened = cases.openCase(new CaseRequest()
                .addMembersItem(new MemberInput().alias("Client-Feed-Heron").sex(Sex.MALE).ageBand(AgeBand._18_59))
                .currentCountry("LA").plannedRoute(List.of("LA", "TH", "KR")), UUID.randomUUID().toString());

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<Change> seen = List.of();
        while (seen.stream().noneMatch(change -> change.getCaseId().equals(opened.getId())) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            seen = changes.listChanges(cursor, null, List.of(ChangeType.OPENED)).getItems();
        }
        Change change = seen.stream().filter(candidate -> candidate.getCaseId().equals(opened.getId())).findFirst().orElseThrow();
        assertEquals(ChangeType.OPENED, change.getType());
        assertEquals(opened.getRevision(), change.getRevision());

        List<UUID> inLaosOrThailand = cases.listCases(List.of("LA", "TH"), null, 200, LocalDate.now(java.time.ZoneOffset.UTC),
                null, null, List.of(CaseStatus.OPEN, CaseStatus.IN_TRANSIT), null, null).getItems().stream().map(CaseView::getId).toList();
        assertTrue(inLaosOrThailand.contains(opened.getId()));
    }

    @Test
    void aRefusalIsAnApiExceptionWithItsProblem() throws ApiException, IOException {
        ApiClient caseworker = clientFor("crossing-hope", "caseworker");
        UUID anotherOrganisationsCase = new CasesApi(clientFor("open-road", "caseworker"))
                .listCases(null, null, 1, null, null, null, null, null, null).getItems().getFirst().getId();

        ApiException notFound = assertThrows(ApiException.class, () -> new CasesApi(caseworker).getCase(anotherOrganisationsCase));
        assertEquals(404, notFound.getCode());
        assertEquals("application/problem+json", notFound.getResponseHeaders().firstValue("Content-Type").orElseThrow());
        Problem problem = caseworker.getObjectMapper().readValue(notFound.getResponseBody(), Problem.class);
        assertEquals(404, problem.getStatus());
        assertEquals(URI.create("https://corridor.example/problems/not-found"), problem.getType());
        assertEquals(notFound.getResponseHeaders().firstValue("X-Request-Id").orElseThrow(), problem.getRequestId());

        ApiClient unknownKey = new ApiClient().setRequestInterceptor(request -> request.header("Authorization", "ApiKey cor_unknown"));
        unknownKey.updateBaseUri(GATEWAY);
        ApiException unauthorized = assertThrows(ApiException.class, () -> new CountryPoliciesApi(unknownKey).listCountries());
        assertEquals(401, unauthorized.getCode());
        assertEquals(401, caseworker.getObjectMapper().readValue(unauthorized.getResponseBody(), Problem.class).getStatus());

        ApiException forbidden = assertThrows(ApiException.class,
                () -> new ReportsApi(caseworker).getOverviewReport(null, null));
        assertEquals(403, forbidden.getCode());
    }

    private static long peopleIn(Report overview) {
        Map<?, ?> all = (Map<?, ?>) overview.getTotals().get("all");
        return ((Number) all.get("count")).longValue();
    }

    /** A client that sends the demo API key of the organisation's one key holding just this role. */
    private static ApiClient clientFor(String organisation, String role) {
        String apiKey = demoKey(organisation, role);
        ApiClient client = new ApiClient().setRequestInterceptor(request -> request.header("Authorization", "ApiKey " + apiKey));
        client.updateBaseUri(GATEWAY);
        return client;
    }

    private static String demoKey(String organisation, String role) {
        try {
            for (JsonNode credential : new ObjectMapper().readTree(Files.readString(CREDENTIALS))) {
                if (credential.get("org").asText().equals(organisation) && credential.get("roles").size() == 1
                        && credential.get("roles").get(0).asText().equals(role)) {
                    return credential.get("apiKey").asText();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo keys in " + CREDENTIALS, e);
        }
        throw new IllegalStateException("no demo key for " + organisation + " " + role + " in " + CREDENTIALS);
    }
}
