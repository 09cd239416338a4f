package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.service.EmergencyAccessService;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/emergency-accesses")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COORDINATOR)
@Tag(name = "Emergency access", description = """
        A caseworker reads a case's personal data in an emergency ("break the glass", breakTheGlass) for 60 minutes, \
        with a reason; every read under it is audited as `emergency-access`. Your organisation's coordinators review \
        each such access as justified or not; one not reviewed yet stays in listEmergencyAccesses with \
        `reviewed=false` until it is.""")
public class EmergencyAccessResource {

    private static final String ACCESS_ID = "The emergency access's id (a UUID).";
    private static final String NO_SUCH_ACCESS = "Your organisation has no emergency access with this id.";

    private final EmergencyAccessService accesses;

    public EmergencyAccessResource(EmergencyAccessService accesses) {
        this.accesses = accesses;
    }

    @GET
    @Operation(operationId = "listEmergencyAccesses", summary = "The organisation's emergency accesses, newest first",
            description = "Your organisation's emergency accesses, newest first, a page at a time; `reviewed=false` "
                    + "gives those waiting for a coordinator's review.")
    public Page<EmergencyAccessView> list(
            @QueryParam("reviewed") @Parameter(description = "Only those reviewed (true) or not reviewed yet (false).",
                    schema = @Schema(type = SchemaType.BOOLEAN)) String reviewed,
            @QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
            @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        return CaseMapper.page(accesses.list(reviewed(reviewed), cursor, Page.limit(limit)), CaseMapper::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.COORDINATOR, Roles.CASEWORKER})
    @Operation(operationId = "getEmergencyAccess", summary = "One emergency access",
            description = "For your organisation's coordinators, and for the caseworker who used it.")
    @APIResponse(responseCode = "200", description = "The emergency access.")
    @APIResponse(responseCode = "404", description = NO_SUCH_ACCESS)
    public EmergencyAccessView get(
            @PathParam("id") @Parameter(description = ACCESS_ID, schema = @Schema(implementation = UUID.class)) String id) {
        return CaseMapper.view(accesses.access(accessId(id)));
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reviewEmergencyAccess", summary = "Judge an emergency access justified or not",
            description = "Records your review of an emergency access, once; by someone other than who used it.")
    @APIResponse(responseCode = "200", description = "The emergency access, reviewed.")
    @APIResponse(responseCode = "404", description = NO_SUCH_ACCESS)
    @APIResponse(responseCode = "409", description = "It was reviewed already, or you are the one who used it.")
    public EmergencyAccessView review(
            @PathParam("id") @Parameter(description = ACCESS_ID, schema = @Schema(implementation = UUID.class)) String id,
            @Valid @NotNull ReviewRequest request) {
        return CaseMapper.view(accesses.review(accessId(id), request.outcome(), request.note()));
    }

    private static Boolean reviewed(String reviewed) {
        if (reviewed == null) {
            return null;
        }
        return switch (reviewed) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalidField("reviewed", "is neither true nor false");
        };
    }

    private static UUID accessId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not an emergency access id (UUID)");
        }
    }
}
