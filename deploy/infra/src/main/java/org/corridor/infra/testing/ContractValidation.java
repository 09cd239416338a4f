package org.corridor.infra.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * Checks every answer a test receives through RestAssured from the application under test against the application's
 * committed contract ({@link OpenApiContract#committedFor}), and fails the test on the first that breaks it. Request
 * bodies are not checked: tests send invalid ones on purpose, and the answer to each is checked like any other.
 * Answers to other ports (the management interface, stubs) and the CORS protocol's are not the contract's.
 *
 * <p>Every {@code @QuarkusTest} of a module with this library on its test class path runs with it (registered as a
 * Quarkus test callback), so a new test cannot forget it.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    /**
     * Marks an answer a test's stand-in for a service made up (the gateway's tests put stubs behind it): the service's
     * own tests check its real answers, so the gateway's tests check only the answers the gateway makes itself.
     */
    public static final String STAND_IN = "X-Corridor-Test-Stand-In";

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(ContractFilter.class::isInstance)) {
            String application = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
            try {
                RestAssured.filters(new ContractFilter(OpenApiContract.load(OpenApiContract.committedFor(application))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the contract of " + application, e);
            }
        }
    }

    /** Fails a request whose answer breaks the contract; every other filter sees the answer first. */
    public static final class ContractFilter implements Filter {

        private final OpenApiContract contract;

        public ContractFilter(OpenApiContract contract) {
            this.contract = contract;
        }

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
                               FilterContext next) {
            Response response = next.next(request, expected);
            URI uri = URI.create(request.getURI());
            if (uri.getPort() != RestAssured.port || response.getHeader(STAND_IN) != null || isCors(request, response)) {
                return response;
            }
            List<String> violations = contract.violations(request.getMethod(), uri, response.getStatusCode(),
                    response.getContentType(), response.asString());
            if (!violations.isEmpty()) {
                throw new AssertionError("the answer breaks the contract:\n  " + String.join("\n  ", violations)
                        + "\nbody: " + abbreviated(response.asString()));
            }
            return response;
        }

        /**
         * The CORS protocol's own answers, outside every operation: to a browser's preflight, and the bare 403 Quarkus'
         * CORS filter ends a request from an origin not allowed with (the browser keeps it from the calling script).
         */
        private static boolean isCors(FilterableRequestSpecification request, Response response) {
            boolean preflight = request.getMethod().equals("OPTIONS")
                    && request.getHeaders().hasHeaderWithName("Access-Control-Request-Method");
            boolean refusedOrigin = request.getHeaders().hasHeaderWithName("Origin") && response.getStatusCode() == 403
                    && response.getHeader("Access-Control-Allow-Origin") == null && response.asByteArray().length == 0;
            return preflight || refusedOrigin;
        }

        private static String abbreviated(String body) {
            return body.length() <= 2000 ? body : body.substring(0, 2000) + "…";
        }
    }
}
