package org.corridor.policy.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.json.QueryParameters;
import org.corridor.policy.service.PolicyService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/countries")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Country policies", description = """
        How each country on the routes treats North Koreans it finds (refugee recognition, repatriation, detention, \
        hand-over to the South Korean embassy, penalties for helpers, UNHCR access, support available), with a risk \
        level, a summary and its sources. Policies are effective-dated versions that are never changed: a newer \
        publication supersedes them from its `validFrom`, and the history keeps every version, so you can ask what \
        the policy was on a day, as Corridor knew it at any time.""")
public class CountryPolicyResource {

    static final String COUNTRY_CODE = "The country's ISO 3166-1 alpha-2 code.";

    private final PolicyService policies;

    public CountryPolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Operation(operationId = "listCountries", summary = "Countries on the routes with today's risk level and summary",
            description = "Every country Corridor has a policy for, with the risk level and summary of the policy in force "
                    + "today.")
    public List<CountryView> countries() {
        return policies.countries().stream()
                .map(country -> new CountryView(country.code(), CountryCodes.name(country.code()),
                        country.today().map(inForce -> inForce.version().content.riskLevel).orElse(null),
                        country.today().map(inForce -> inForce.version().content.summary).orElse(null)))
                .toList();
    }

    @GET
    @Path("/{code}/policy")
    @Operation(operationId = "getCountryPolicy", summary = "The policy in force on a day, as known at a time",
            description = """
            The version in force in the country on a day (`at`), as Corridor knew it at a time (`asRecordedAt`): \
            ask what was believed then, before later publications corrected it.""")
    @APIResponse(responseCode = "200", description = "The version in force.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyVersionView.class),
                    examples = @ExampleObject(name = "mongolia", ref = "MongoliaPolicy")))
    @APIResponse(responseCode = "404", description = "Corridor has no policy for this country, or none was in force on that day "
            + "as known at that time.")
    public PolicyVersionView policy(
            @PathParam("code") @Parameter(description = COUNTRY_CODE, example = "MN") String code,
            @QueryParam("at") @Parameter(description = "Day (YYYY-MM-DD); today when absent") String at,
            @QueryParam("asRecordedAt") @Parameter(description = "What Corridor believed at this time (ISO 8601); now when absent") String asRecordedAt) {
        String country = CountryCodes.require("code", code);
        LocalDate day = QueryParameters.date("at", at).orElseGet(policies::today);
        Instant knownAt = QueryParameters.instant("asRecordedAt", asRecordedAt).map(Instant::from).orElseGet(Instant::now);
        var inForce = policies.policyOn(country, day, knownAt);
        return PolicyMapper.view(inForce.version(), inForce.validTo());
    }

    @GET
    @Path("/{code}/policy/history")
    @Operation(operationId = "getCountryPolicyHistory", summary = "Every published version, newest first",
            description = "Every version published for the country, newest first, superseded ones included.")
    @APIResponse(responseCode = "200", description = "The versions.")
    @APIResponse(responseCode = "404", description = "Corridor has no policy for this country.")
    public List<PolicyVersionView> history(
            @PathParam("code") @Parameter(description = COUNTRY_CODE, example = "MN") String code) {
        return policies.history(CountryCodes.require("code", code)).stream().map(PolicyMapper::view).toList();
    }
}
