package org.corridor.policy.rest;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.policy.Vulnerability;
import org.corridor.policy.service.PolicyService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@Path("/api/v1/routes/assess")
@Authenticated
@Tag(name = "Route risk",
        description = "How dangerous a route is, leg by leg, for a traveller, from the country policies in force on a day.")
public class RouteAssessmentResource {

    private final PolicyService policies;

    public RouteAssessmentResource(PolicyService policies) {
        this.policies = policies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assessRoute", summary = "Risk of a route, leg by leg, for a traveller profile",
            description = """
            The risk of each country of the route, in order, for a traveller with the given vulnerabilities, from the \
            policies in force on the day (`at`, today when absent), each with reasons a person can read; `overall` is \
            the worst leg. A country with no policy in force that day counts as high risk until it is assessed.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RouteAssessmentRequest.class),
            examples = @ExampleObject(name = "north", ref = "RouteNorth")))
    @APIResponse(responseCode = "200", description = "The route, assessed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RouteAssessmentView.class),
                    examples = @ExampleObject(name = "north", ref = "RouteNorthAssessed")))
    public RouteAssessmentView assess(@Valid @NotNull RouteAssessmentRequest request) {
        List<String> countries = new ArrayList<>();
        for (int i = 0; i < request.countries().size(); i++) {
            countries.add(CountryCodes.require("countries[" + i + "]", request.countries().get(i)));
        }
        Set<Vulnerability> vulnerabilities = request.profile() == null || request.profile().vulnerabilities() == null
                ? Set.of() : request.profile().vulnerabilities();
        LocalDate day = request.at() == null ? policies.today() : request.at();
        return PolicyMapper.view(policies.assessRoute(countries, vulnerabilities, day), day);
    }
}
