package org.corridor.infra.testing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

class OpenApiContractTest {

    private static final String CASE = "/api/v1/cases/0b4cf5a6-6d1e-4c43-9a5e-2f3c7d1e8a90";
    private static final String A_CASE = """
            {"id": "0b4cf5a6-6d1e-4c43-9a5e-2f3c7d1e8a90", "status": "open", "members": 3, "closedOn": null}""";
    private static final String NOT_FOUND = """
            {"type": "https://corridor.example/problems/not-found", "title": "Not Found", "status": 404}""";

    private final OpenApiContract contract = load();

    private static OpenApiContract load() {
        try {
            return OpenApiContract.load(Path.of("src", "test", "resources", "drift-test.openapi.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> answer(String method, String path, int status, String contentType, String body) {
        return contract.violations(method, URI.create("http://localhost:8081" + path), status, contentType, body);
    }

    @Test
    void answersAsDeclaredConform() {
        assertThat(answer("GET", CASE, 200, "application/json;charset=UTF-8", A_CASE), empty());
        assertThat(answer("GET", CASE + "?fields=all", 404, "application/problem+json", NOT_FOUND), empty());
        assertThat(answer("GET", "/api/v1/cases/mine", 200, "application/json", "[" + A_CASE + "]"), empty());
        assertThat(answer("DELETE", "/api/v1/subscriptions/7", 204, null, ""), empty());
    }

    @Test
    void aSegmentWithAParameterInItIsMatchedBeforeAParameterAlone() {
        assertThat(answer("GET", CASE + ".csv", 200, "text/csv", "id,status\r\n"), empty());
        assertThat(answer("GET", CASE + ".csv", 200, "application/json", A_CASE),
                contains(containsString("GET /api/v1/cases/{id}.csv answered 200 as application/json")));
    }

    @Test
    void anUndeclaredStatusIsADrift() {
        assertThat(answer("GET", CASE, 500, "application/problem+json", NOT_FOUND),
                contains("GET /api/v1/cases/{id} answered 500, which drift-test.openapi.json does not declare (declared: 200, 404)"));
    }

    @Test
    void anUndeclaredMediaTypeIsADrift() {
        assertThat(answer("GET", CASE, 404, "text/plain", "Not Found"),
                contains(containsString("answered 404 as text/plain, which drift-test.openapi.json does not declare (declared: application/problem+json)")));
        assertThat(answer("GET", CASE, 404, null, ""), contains(containsString("answered 404 as null")));
        assertThat(answer("DELETE", "/api/v1/subscriptions/7", 204, "application/json", "{}"),
                contains(containsString("declares without one")));
    }

    @Test
    void aFieldOfTheWrongTypeIsADriftNamedByItsPointer() {
        List<String> violations = answer("GET", CASE, 200, "application/json", """
                {"id": "0b4cf5a6-6d1e-4c43-9a5e-2f3c7d1e8a90", "status": "open", "members": "3"}""");
        assertThat(violations, hasSize(1));
        assertThat(violations.getFirst(), containsString("GET /api/v1/cases/{id} answered 200: at /members"));
        assertThat(violations.getFirst(), containsString("integer"));
    }

    @Test
    void schemasAreFollowedIntoTheComponentsWithTheirFormatsAndEnums() {
        assertThat(answer("GET", "/api/v1/cases/mine", 200, "application/json", """
                [{"id": "not-a-uuid", "status": "pending", "members": 1, "closedOn": "yesterday"}, {"status": "open"}]"""),
                hasItem(containsString("at /0/id")));
        List<String> violations = answer("GET", "/api/v1/cases/mine", 200, "application/json", """
                [{"id": "not-a-uuid", "status": "pending", "members": 1, "closedOn": "yesterday"}, {"status": "open"}]""");
        assertThat(violations, hasItem(containsString("at /0/status")));
        assertThat(violations, hasItem(containsString("at /0/closedOn")));
        assertThat(violations, hasItem(containsString("at /1 required property 'id' not found")));
    }

    @Test
    void aLiteralSegmentBeatsAParameter() {
        assertThat(answer("GET", "/api/v1/cases/mine", 200, "application/json", A_CASE),
                contains(containsString("GET /api/v1/cases/mine answered 200: at / ")));
    }

    @Test
    void aProblemOutsideEveryOperationIsStillAProblem() {
        assertThat(answer("GET", "/no-such-path", 404, "application/problem+json", NOT_FOUND), empty());
        assertThat(answer("POST", CASE, 405, "application/problem+json", NOT_FOUND), empty());
        assertThat(answer("GET", "/no-such-path", 404, "application/problem+json", "{\"title\": \"Not Found\"}"),
                hasItem(containsString("GET /no-such-path answered 404: at / required property 'type' not found")));
        assertThat(answer("GET", "/api/v1/unknown", 200, "application/json", "{}"),
                contains(containsString("is not in drift-test.openapi.json, yet answered 200")));
        assertThat(answer("GET", "/openapi", 200, "application/yaml", "openapi: 3.1.0"), empty());
    }

    @Test
    void aBodyThatIsNotJsonIsADrift() {
        assertThat(answer("GET", CASE, 200, "application/json", "<html>"), contains(containsString("not JSON")));
    }
}
