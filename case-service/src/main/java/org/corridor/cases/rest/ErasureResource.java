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
import org.corridor.cases.service.ErasureService;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/cases/{id}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases")
public class ErasureResource {

    private final ErasureService erasures;

    public ErasureResource(ErasureService erasures) {
        this.erasures = erasures;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(operationId = "eraseCase", summary = "Erase a case's personal data for good, with a reason", description = """
            Destroys the case's own key, so its personal data can no longer be read by anyone: not from the database, \
            nor from its backups or logs once the key of your organisation that wrapped it is destroyed as well, \
            which happens before this answers (or, should that be interrupted, within minutes). The case then answers \
            410 to your organisation (404 to any other, as before). What remains are its codes (status, countries, \
            sexes, age bands, vulnerabilities, journey kinds and dates), which the statistics keep counting, and its \
            audit trail, with an `erase` entry.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErasureRequest.class),
            examples = @ExampleObject(name = "asked",
                    value = "{\"reason\": \"The person asked for it (request of 2026-11-02).\"}")))
    @APIResponse(responseCode = "204", description = "The case's personal data is erased.")
    @APIResponse(responseCode = "404", description = CaseResource.NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = CaseResource.ERASED)
    public void erase(
            @PathParam("id") @Parameter(description = CaseResource.CASE_ID, schema = @Schema(implementation = UUID.class))
            String id,
            @Valid @NotNull ErasureRequest request) {
        erasures.erase(CaseResource.caseId(id), request.reason());
    }
}
