package org.corridor.cases.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.service.AuditService;
import org.corridor.cases.service.CaseService;
import org.corridor.cases.service.TransferService;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.http.ETags;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.json.QueryParameters;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

/** Cases of the caller's organisation; a case of any other organisation does not exist here (404, never 403). */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASEWORKER, Roles.PROTECTION_OFFICER, Roles.COORDINATOR})
@Tag(name = "Cases")
public class CaseResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    private final CaseService cases;
    private final TransferService transfers;
    private final AuditService audit;

    public CaseResource(CaseService cases, TransferService transfers, AuditService audit) {
        this.cases = cases;
        this.transfers = transfers;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openCase", summary = "Open a case for one person or a group")
    public Response open(@Valid @NotNull CaseRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        CaseView created = cases.open(request, idempotencyKey);
        return Response.created(UriBuilder.fromPath("/api/v1/cases/{id}").build(created.id()))
                .tag(ETags.of(created.revision())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listCases", summary = "The organisation's cases, a page at a time")
    public Page<CaseView> list(@QueryParam("status") String status, @QueryParam("currentCountry") String currentCountry,
                               @QueryParam("risk") String risk, @QueryParam("cursor") String cursor,
                               @QueryParam("limit") Integer limit) {
        var filter = new CaseRepository.CaseFilter(
                QueryParameters.enumValue("status", status, CaseStatus.class),
                Optional.ofNullable(currentCountry).map(code -> CountryCodes.require("currentCountry", code)),
                QueryParameters.enumValue("risk", risk, RiskLevel.class));
        return cases.list(filter, cursor, Page.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCase", summary = "One case; personal data only for protection officers")
    public Response read(@PathParam("id") String id) {
        CaseView found = cases.read(caseId(id));
        return Response.ok(found).tag(ETags.of(found.revision())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MERGE_PATCH)
    @Operation(operationId = "updateCase", summary = "Change a case with a JSON merge patch (If-Match required)")
    public Response update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull @Schema(type = SchemaType.OBJECT, description = "A JSON merge patch (RFC 7396) of the case as written: members, currentCountry, plannedRoute, needs, notes. A member with an id keeps personal fields the patch leaves out.") JsonNode patch) {
        long revision = ETags.requiredRevision(ifMatch);
        CaseView updated = cases.patch(caseId(id), revision, patch);
        return Response.ok(updated).tag(ETags.of(updated.revision())).build();
    }

    @POST
    @Path("/{id}/journey")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordJourneyEvent", summary = "Record what happened on the journey; the status follows")
    public Response recordJourney(@PathParam("id") String id, @Valid @NotNull JourneyRequest request) {
        UUID caseId = caseId(id);
        JourneyView entry = cases.recordJourney(caseId, request);
        return Response.created(UriBuilder.fromPath("/api/v1/cases/{id}/journey").build(caseId)).entity(entry).build();
    }

    @GET
    @Path("/{id}/journey")
    @Operation(operationId = "listJourney", summary = "The journey in order, a page at a time")
    public Page<JourneyView> journey(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                     @QueryParam("limit") Integer limit) {
        return cases.journey(caseId(id), cursor, Page.limit(limit));
    }

    @GET
    @Path("/{id}/risk")
    @Operation(operationId = "getCaseRisk", summary = "Risk for the current country and the rest of the route, with reasons")
    public CaseView.Risk risk(@PathParam("id") String id) {
        return cases.risk(caseId(id));
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(operationId = "closeCase", summary = "Close an active case with a reason")
    public CaseView close(@PathParam("id") String id, @Valid @NotNull CloseRequest request) {
        return cases.close(caseId(id), request.reason());
    }

    @POST
    @Path("/{id}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(operationId = "offerTransfer", summary = "Offer the case to another organisation")
    public Response offer(@PathParam("id") String id, @Valid @NotNull TransferRequest request) {
        TransferView offered = transfers.offer(caseId(id), request.toOrganisation());
        return Response.created(UriBuilder.fromPath("/api/v1/transfers/{id}").build(offered.id())).entity(offered).build();
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.AUDITOR, Roles.COORDINATOR})
    @Operation(operationId = "getCaseAudit", summary = "Who read or changed the case, hash-chained")
    public AuditView audit(@PathParam("id") String id, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return audit.trail(caseId(id), cursor, Page.limit(limit));
    }

    static UUID caseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not a case id (UUID)");
        }
    }
}
