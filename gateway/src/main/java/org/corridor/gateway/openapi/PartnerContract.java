package org.corridor.gateway.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.corridor.gateway.identity.Credentials;
import org.corridor.platform.openapi.ErrorResponses;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The services' contracts, merged, as partners call them: through this gateway, with an API key or an identity
 * provider's token instead of the internal JWT the services' own documents declare, and under its rate limit.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PartnerContract implements OASFilter {

    static final String API_KEY = "ApiKey";
    static final String OIDC_BEARER = "OidcBearer";

    private static final String DESCRIPTION = """
            Protection case management for refugees in transit: the cases of your organisation, the policies of the \
            countries on the routes, and statistics that cannot identify anyone. Everything is under `/api/v1`.

            **Authentication.** Send `Authorization: ApiKey <key>` with the key your Corridor operators issued, or, \
            where the gateway trusts an identity provider, `Authorization: Bearer <token>`. Either is bound to one \
            organisation and its roles: `caseworker`, `protection-officer`, `coordinator`, `policy-editor`, \
            `policy-approver`, `analyst`, `auditor`. Each operation names the roles it takes.

            **Errors** are RFC 9457 problem documents (`application/problem+json`) with a stable `type` to branch on \
            and the request id to quote. A resource of another organisation is a 404, never a 403. A 503 or 504 means \
            a service is unavailable or too slow: retry later (a 503 says when in `Retry-After`).

            **Requests.** Every answer carries `X-Request-Id`, the id Corridor gave the request (quote it when you \
            report a problem). An `X-Request-Id` you send is kept beside ours, never in its place: it comes back as \
            `X-Client-Request-Id` and is written next to ours in the gateway's log. Dates are ISO 8601; enum values are kebab-case, and an unknown one is a 400, never an \
            empty result. Lists that grow are pages, `{"items": [...], "next": "<cursor or null>"}`, read with \
            `?cursor=&limit=`. A created resource answers 201 with `Location`. Updates need `If-Match` with the \
            resource's `ETag` (412 when it changed since). Opening a case takes an optional `Idempotency-Key` that \
            makes retrying safe.

            **Rate limit.** Each caller has its own (50 requests/s with bursts of 100 unless configured). Every answer \
            says what is left: `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers); past the \
            limit, a 429 with `Retry-After`.""";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null) {
            return operation;
        }
        String roles = rolesOf(operation.getSecurity());
        operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                + "**Roles:** " + roles + ".");
        // the roles are in the description: OpenAPI 3.1 allows them in a requirement of these schemes too, but linters
        // take them for OAuth2 scopes
        operation.setSecurity(List.of(
                OASFactory.createSecurityRequirement().addScheme(API_KEY),
                OASFactory.createSecurityRequirement().addScheme(OIDC_BEARER)));
        var responses = operation.getResponses();
        responses.addAPIResponse("429", ErrorResponses.problem(
                        "Your rate limit is used up: retry after the seconds in `Retry-After`.")
                .addHeader("Retry-After", retryAfter()));
        // what the gateway answers itself, in front of any service
        if (operation.getRequestBody() != null) {
            responses.addAPIResponse("413", ErrorResponses.problem("The body is larger than the gateway accepts."));
        }
        if (!responses.hasAPIResponse("503")) {
            responses.addAPIResponse("503", ErrorResponses.problem(
                            "The service behind this operation is unavailable or busy: retry after the seconds in "
                                    + "`Retry-After`.")
                    .addHeader("Retry-After", retryAfter()));
        }
        responses.addAPIResponse("504", ErrorResponses.problem(
                "The service behind this operation did not answer in time; it may or may not have acted on the "
                        + "request."));
        return operation;
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().description("Seconds to wait before retrying.")
                .schema(OASFactory.createSchema().addType(SchemaType.INTEGER));
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.info(OASFactory.createInfo()
                .title("Corridor API")
                .version(openAPI.getInfo().getVersion())
                .description(DESCRIPTION)
                .contact(OASFactory.createContact()
                        .name("The operators of your Corridor gateway, who issue your API key")));
        openAPI.servers(List.of(OASFactory.createServer()
                .url("{gateway}")
                .description("Your Corridor gateway.")
                .variables(Map.of("gateway", OASFactory.createServerVariable()
                        .defaultValue("http://localhost:8080")
                        .description("Scheme, host and port of the gateway; http://localhost:8080 is the local runtime "
                                + "(deploy/local/corridor up).")))));
        openAPI.getComponents().securitySchemes(new TreeMap<>(Map.of(
                API_KEY, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("Authorization")
                        .description("`Authorization: " + Credentials.API_KEY_SCHEME + " <key>`: a key your Corridor "
                                + "operators issued for your organisation and roles. It is shown once, when issued."),
                OIDC_BEARER, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("`Authorization: " + Credentials.BEARER_SCHEME + " <token>`: an access token of "
                                + "the identity provider your Corridor gateway trusts, where one is configured; its "
                                + "claims name your organisation and roles."))));
    }

    private static String rolesOf(List<SecurityRequirement> requirements) {
        String roles = requirements.stream()
                .map(SecurityRequirement::getSchemes)
                .flatMap(schemes -> schemes.values().stream())
                .flatMap(Collection::stream)
                .distinct()
                .map(role -> "`" + role + "`")
                .collect(Collectors.joining(", "));
        return roles.isEmpty() ? "any Corridor role" : roles;
    }
}
