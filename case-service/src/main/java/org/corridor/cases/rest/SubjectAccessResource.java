package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.service.SubjectAccessService;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.UUID;

@Path("/api/v1/cases/{id}/subject-access")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cases")
public class SubjectAccessResource {

    private final SubjectAccessService subjectAccess;
    private final Clock clock;

    public SubjectAccessResource(SubjectAccessService subjectAccess, Clock clock) {
        this.subjectAccess = subjectAccess;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Roles.PROTECTION_OFFICER)
    @Operation(operationId = "exportSubjectAccess", summary = "Everything held about one case, for the person's request",
            description = """
            For a protection officer answering a person's request to see what is held about them: the case with its \
            personal data, its whole journey with places, its transfer offers with their consent, its alerts, its \
            emergency accesses with reasons and reviews, and its audit trail. Recorded in the audit trail as \
            `subject-access` and `read-personal-data`.""")
    @APIResponse(responseCode = "200", description = "Everything held about the case.")
    @APIResponse(responseCode = "404", description = CaseResource.NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = CaseResource.ERASED)
    public SubjectAccessView export(
            @PathParam("id") @Parameter(description = CaseResource.CASE_ID, schema = @Schema(implementation = UUID.class))
            String id) {
        return CaseMapper.view(subjectAccess.export(CaseResource.caseId(id)), clock.instant());
    }
}
