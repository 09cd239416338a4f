package org.corridor.policy.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.policy.PolicyTerms;
import org.corridor.platform.problem.ProblemException;
import org.corridor.platform.request.RequestIds;
import org.corridor.policy.config.PolicyConfig;
import org.corridor.policy.domain.DraftImpact;
import org.corridor.policy.domain.ValidityPeriod;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Asks case-service, as the caller (its internal token, passed on), what a draft policy would do to the active cases. */
@ApplicationScoped
public class CaseServiceClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    // a preview reads every active case the country concerns: allow for a large caseload
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI riskImpact;
    private final ObjectMapper json;
    private final JsonWebToken token;

    public CaseServiceClient(PolicyConfig config, ObjectMapper json, JsonWebToken token) {
        this.riskImpact = config.caseService().resolve("/internal/v1/risk-impact");
        this.json = json;
        this.token = token;
    }

    public DraftImpact riskImpact(String country, PolicyTerms terms, ValidityPeriod period) {
        HttpResponse<byte[]> answer;
        try {
            byte[] question = json.writeValueAsBytes(new Question(country, period.validFrom(), period.validTo(), terms));
            var request = HttpRequest.newBuilder(riskImpact)
                    .timeout(ANSWER_TIMEOUT)
                    .header("Authorization", "Bearer " + token.getRawToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(question));
            if (RequestIds.current() != null) {
                request.header(RequestIds.HEADER, RequestIds.current());
            }
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        if (answer.statusCode() >= 500) {
            throw unavailable();
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("case-service refused a risk impact question: " + answer.statusCode());
        }
        try {
            Answer impact = json.readValue(answer.body(), Answer.class);
            // the organisation's own changes come without "suppressed": none is
            return new DraftImpact(impact.country(), impact.organisation().changes(), impact.allOrganisations().k(),
                    impact.allOrganisations().changes());
        } catch (IOException e) {
            throw new UncheckedIOException("case-service's risk impact answer is not what it should be", e);
        }
    }

    private static ProblemException unavailable() {
        return ProblemException.serviceUnavailable("The draft's impact on cases cannot be worked out now: case-service "
                + "does not answer. Retry later.", 5);
    }

    private record Question(String country, LocalDate validFrom, LocalDate validTo, PolicyTerms terms) {
    }

    private record Answer(String country, Own organisation, All allOrganisations) {
    }

    private record Own(List<DraftImpact.Change> changes) {
    }

    private record All(int k, List<DraftImpact.Change> changes) {
    }
}
