package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.corridor.cases.service.EmergencyAccessService;
import org.corridor.platform.http.PublicLinks;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/cases/{id}/emergency-access")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Emergency access")
public class BreakGlassResource {

    private final EmergencyAccessService accesses;
    private final PublicLinks links;

    public BreakGlassResource(EmergencyAccessService accesses, PublicLinks links) {
        this.accesses = accesses;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CASEWORKER)
    @Operation(operationId = "breakTheGlass", summary = "Read a case's personal data in an emergency, with a reason",
            description = """
            Gives you, a caseworker, the case's personal data for 60 minutes (until `expiresAt`): getCase, listJourney \
            and the case's other answers show it to you as to a protection officer. The access and every read under it \
            are recorded in the case's audit trail as `emergency-access`, and your organisation's coordinators review \
            it (listEmergencyAccesses). A caller who holds the protection-officer role as well needs none: a 409.""")
    @APIResponse(responseCode = "201", description = "The emergency access, open until its expiresAt.",
            headers = @Header(name = "Location", description = "The emergency access.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EmergencyAccessView.class)))
    @APIResponse(responseCode = "404", description = CaseResource.NO_SUCH_CASE)
    @APIResponse(responseCode = "409", description = "Your role reads personal data already.")
    @APIResponse(responseCode = "410", description = CaseResource.ERASED)
    public Response breakTheGlass(
            @PathParam("id") @Parameter(description = CaseResource.CASE_ID, schema = @Schema(implementation = UUID.class))
            String id,
            @Valid @NotNull EmergencyAccessRequest request) {
        EmergencyAccessView granted = CaseMapper.view(accesses.grant(CaseResource.caseId(id), request.reason()));
        return links.created("/api/v1/emergency-accesses/{id}", granted.id()).entity(granted).build();
    }
}
