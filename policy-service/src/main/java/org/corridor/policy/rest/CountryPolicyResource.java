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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/countries")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Country policies")
public class CountryPolicyResource {

    private final PolicyService policies;

    public CountryPolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Operation(operationId = "listCountries", summary = "Countries on the routes with today's risk level and summary")
    public List<CountryView> countries() {
        return policies.countries().stream()
                .map(country -> new CountryView(country.code(), CountryCodes.name(country.code()),
                        country.today().map(inForce -> inForce.version().content.riskLevel).orElse(null),
                        country.today().map(inForce -> inForce.version().content.summary).orElse(null)))
                .toList();
    }

    @GET
    @Path("/{code}/policy")
    @Operation(operationId = "getCountryPolicy", summary = "The policy in force on a day, as known at a time")
    public PolicyVersionView policy(
            @PathParam("code") String code,
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
    @Operation(operationId = "getCountryPolicyHistory", summary = "Every published version, newest first")
    public List<PolicyVersionView> history(@PathParam("code") String code) {
        return policies.history(CountryCodes.require("code", code)).stream().map(PolicyMapper::view).toList();
    }
}
