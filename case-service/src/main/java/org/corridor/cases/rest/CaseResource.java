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
import org.corridor.cases.domain.CaseStatus;
import org.corridor.cases.domain.CaseTransfer;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.service.AuditService;
import org.corridor.cases.service.CaseService;
import org.corridor.cases.service.TransferService;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.http.ETags;
import org.corridor.platform.http.Page;
import org.corridor.platform.http.PublicLinks;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.json.QueryParameters;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** Cases of the caller's organisation; a case of any other organisation does not exist here (404, never 403). */
@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASEWORKER, Roles.PROTECTION_OFFICER, Roles.COORDINATOR})
@Tag(name = "Cases", description = CaseResource.CASES)
public class CaseResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    static final String CASES = """
            A case is one person or a group travelling together, kept by one organisation. Only that organisation \
            sees it: a case of another organisation is answered 404, never 403.

            **Personal data** (members' `legalName`, `dateOfBirth`, `placeOfOrigin`, `relatives`, `contact`, journey \
            places and the case's `notes`) is encrypted with the case's own key, which your organisation's key wraps. Any case role may write it; only \
            protection officers read it, everyone else gets null there and `personalDataMasked: true`.

            **Audit.** Every read and change of a case is appended to its hash-chained audit trail: who, which \
            organisation, what, the request id and when. Signed checkpoints of every trail's head are published \
            (see listAuditCheckpoints).

            **Status** follows the journey: events move it along (see recordJourneyEvent), a coordinator closes it. \
            Active: open, in-transit, detained, handed-over, lost-contact. Final: resettled, repatriated, closed.""";
    static final String CASE_ID = "The case's id (a UUID).";
    static final String REVISION_ETAG = "The case's revision: send it back as If-Match to change the case.";
    static final String NO_SUCH_CASE = "Your organisation has no case with this id.";
    static final String ERASED = "The case's personal data was erased (see eraseCase): only its audit trail remains.";

    private final CaseService cases;
    private final TransferService transfers;
    private final AuditService audit;
    private final CasePatches patches;
    private final PublicLinks links;

    public CaseResource(CaseService cases, TransferService transfers, AuditService audit, CasePatches patches,
                        PublicLinks links) {
        this.links = links;
        this.cases = cases;
        this.transfers = transfers;
        this.audit = audit;
        this.patches = patches;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openCase", summary = "Open a case for one person or a group", description = """
            Opens a case in your organisation, with status `open`, and scores its risk from its current country and \
            planned route. With an `Idempotency-Key`, a retry of the same request answers the case it opened \
            instead of opening another.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CaseRequest.class),
            examples = @ExampleObject(name = "family", ref = "OpenCaseRequest")))
    @APIResponse(responseCode = "201", description = "The case, opened (or opened before under the same Idempotency-Key).",
            headers = {@Header(name = "Location", description = "The case.",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                    @Header(name = "ETag", description = REVISION_ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class),
                    examples = @ExampleObject(name = "opened", ref = "CaseAsCaseworker")))
    @APIResponse(responseCode = "422", description = "This Idempotency-Key was used before for a different request.")
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being processed: "
            + "retry after Retry-After for its result.")
    public Response open(@Valid @NotNull CaseRequest request,
                         @HeaderParam("Idempotency-Key") @Parameter(description = "Any string of 1 to 200 characters that "
                                 + "you make unique per case you open, so that retrying is safe; remembered per caller.")
                         String idempotencyKey) {
        CaseView created = CaseMapper.view(cases.open(CaseMapper.description(request), idempotencyKey));
        return links.created("/api/v1/cases/{id}", created.id())
                .tag(ETags.of(created.revision())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listCases", summary = "The organisation's cases, a page at a time", description = """
            Your organisation's cases in the order they were opened, filtered by every parameter given together; a \
            parameter of several values (separated by commas) matches any of them. To keep a copy in step, follow \
            listChanges rather than listing with `updatedAfter`. Each case listed is recorded in its audit trail as \
            read.""")
    public Page<CaseView> list(
            @QueryParam("status") @Parameter(description = "Only cases with one of these statuses.", explode = Explode.FALSE,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CaseStatus.class)) String status,
            @QueryParam("currentCountry") @Parameter(description = "Only cases now in one of these countries (ISO 3166-1 alpha-2).",
                    explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            String currentCountry,
            @QueryParam("risk") @Parameter(description = "Only cases at one of these risk levels.", explode = Explode.FALSE,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RiskLevel.class)) String risk,
            @QueryParam("updatedAfter") @Parameter(description = "Only cases last changed after this instant.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) String updatedAfter,
            @QueryParam("updatedBefore") @Parameter(description = "Only cases last changed before this instant.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) String updatedBefore,
            @QueryParam("openedFrom") @Parameter(description = "Only cases opened on this day or later.",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) String openedFrom,
            @QueryParam("openedTo") @Parameter(description = "Only cases opened on this day or earlier.",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) String openedTo,
            @QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
            @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        var filter = new CaseRepository.CaseFilter(
                QueryParameters.enumValues("status", status, CaseStatus.class),
                countries(currentCountry),
                QueryParameters.enumValues("risk", risk, RiskLevel.class),
                QueryParameters.instant("updatedAfter", updatedAfter).map(OffsetDateTime::toInstant),
                QueryParameters.instant("updatedBefore", updatedBefore).map(OffsetDateTime::toInstant),
                QueryParameters.date("openedFrom", openedFrom),
                QueryParameters.date("openedTo", openedTo));
        if (filter.openedFrom().isPresent() && filter.openedTo().isPresent()
                && filter.openedFrom().get().isAfter(filter.openedTo().get())) {
            throw ProblemException.invalidField("openedFrom", "is after openedTo");
        }
        if (filter.updatedAfter().isPresent() && filter.updatedBefore().isPresent()
                && !filter.updatedAfter().get().isBefore(filter.updatedBefore().get())) {
            throw ProblemException.invalidField("updatedAfter", "is not before updatedBefore");
        }
        return CaseMapper.page(cases.list(filter, cursor, Page.limit(limit)), CaseMapper::view);
    }

    private static Set<String> countries(String codes) {
        if (codes == null || codes.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(codes.split(",", -1)).map(code -> CountryCodes.require("currentCountry", code.strip()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCase", summary = "One case; personal data only for protection officers", description = """
            The case with its members, needs, route and risk. A protection officer also gets the personal data, and \
            the read is audited as `read-personal-data` as well as `read`.""")
    @APIResponse(responseCode = "200", description = "The case.",
            headers = @Header(name = "ETag", description = REVISION_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class),
                    examples = {@ExampleObject(name = "caseworker", ref = "CaseAsCaseworker"),
                            @ExampleObject(name = "protection-officer", ref = "CaseAsProtectionOfficer")}))
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = ERASED)
    public Response read(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id) {
        CaseView found = CaseMapper.view(cases.read(caseId(id)));
        return Response.ok(found).tag(ETags.of(found.revision())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MERGE_PATCH)
    @Operation(operationId = "updateCase", summary = "Change a case with a JSON merge patch (If-Match required)",
            description = """
            Applies a JSON merge patch (RFC 7396) to the case as it was written (`members`, `currentCountry`, \
            `plannedRoute`, `needs`, `notes`), provided If-Match names its current revision; the result must be a \
            valid case, as when opening one. An array in the patch replaces the whole array: `members` lists every \
            member the case keeps, each existing one with its `id`, and an existing member keeps the personal fields \
            its entry leaves out. Status changes only through the journey or closing. The risk is scored again.""")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH,
            schema = @Schema(type = SchemaType.OBJECT, description = "A JSON merge patch (RFC 7396) of the case as written: "
                    + "members, currentCountry, plannedRoute, needs, notes."),
            examples = @ExampleObject(name = "route-and-needs", ref = "CasePatch")))
    @APIResponse(responseCode = "200", description = "The case, changed.",
            headers = @Header(name = "ETag", description = REVISION_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = ERASED)
    @APIResponse(responseCode = "409", description = "The case is final (resettled, repatriated or closed): it cannot change.")
    @APIResponse(responseCode = "412", description = "The case changed since the revision in If-Match: read it, then retry.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    public Response update(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(required = true,
                    description = "The ETag of the case as you last read it.", example = "\"1\"") String ifMatch,
            @NotNull JsonNode patch) {
        long revision = ETags.requiredRevision(ifMatch);
        CaseView updated = CaseMapper.view(cases.update(caseId(id), revision, patches.edit(patch)));
        return Response.ok(updated).tag(ETags.of(updated.revision())).build();
    }

    @POST
    @Path("/{id}/journey")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordJourneyEvent", summary = "Record what happened on the journey; the status follows",
            description = """
            Appends an event to the case's journey. The case's current country becomes the event's country, and its \
            status follows the event:

            | event kind | allowed when the case is | the case becomes |
            |---|---|---|
            | `departed`, `entered-country` | open, in-transit, lost-contact | in-transit |
            | `detained` | open, in-transit, lost-contact | detained |
            | `fined` | in-transit, detained | unchanged |
            | `released` | detained | in-transit |
            | `handed-to-embassy` | in-transit, detained | handed-over |
            | `arrived` | in-transit, handed-over | resettled |
            | `repatriated` | any active status | repatriated |
            | `lost-contact` | any active status | lost-contact |

            Any other event is refused with a 409 that says why. The risk is scored again.

            An event reported late (dated before the latest one recorded) takes its place by date, and the status and \
            current country follow the whole journey in the order it happened; if the journey does not fit the table \
            with the event in its place, it is refused with a 409. A date more than a day in the future, or before \
            1948-09-09, is a 400.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JourneyRequest.class),
            examples = @ExampleObject(name = "detained", ref = "JourneyEventRequest")))
    @APIResponse(responseCode = "201", description = "The event, recorded.",
            headers = @Header(name = "Location", description = "The case's journey.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JourneyView.class),
                    examples = @ExampleObject(name = "detained", ref = "RecordedJourneyEvent")))
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = ERASED)
    @APIResponse(responseCode = "409", description = "The journey does not allow this event in its place (see the table).")
    public Response recordJourney(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id,
            @Valid @NotNull JourneyRequest request) {
        UUID caseId = caseId(id);
        JourneyView entry = CaseMapper.view(
                cases.recordJourney(caseId, request.kind(), request.country(), request.date(), request.place()));
        return links.created("/api/v1/cases/{id}/journey", caseId).entity(entry).build();
    }

    @GET
    @Path("/{id}/journey")
    @Operation(operationId = "listJourney", summary = "The journey in order, a page at a time", description = """
            The case's journey events in the order they happened (by date; events of one day in the order they were \
            recorded, which `sequence` gives). Places are personal data: null unless you are a protection officer.""")
    @APIResponse(responseCode = "200", description = "A page of the journey.")
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = ERASED)
    public Page<JourneyView> journey(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id,
            @QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
            @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        return CaseMapper.page(cases.journey(caseId(id), cursor, Page.limit(limit)), CaseMapper::view);
    }

    @GET
    @Path("/{id}/risk")
    @Operation(operationId = "getCaseRisk", summary = "Risk for the current country and the rest of the route, with reasons",
            description = """
            The case's risk level, the worst over its current country and the rest of its planned route, with the \
            reasons for each country. It is scored again whenever the case, its journey or a country's policy \
            changes; `level` is null until the case has a country to score.""")
    @APIResponse(responseCode = "200", description = "The case's risk.")
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = ERASED)
    public CaseView.Risk risk(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id) {
        return CaseMapper.risk(cases.risk(caseId(id)));
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(operationId = "closeCase", summary = "Close an active case with a reason", description = """
            Closes an active case for good; the reason is kept encrypted with the case.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CloseRequest.class),
            examples = @ExampleObject(name = "followed-elsewhere", ref = "CloseCaseRequest")))
    @APIResponse(responseCode = "200", description = "The case, closed.")
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = ERASED)
    @APIResponse(responseCode = "409", description = "The case is already final (resettled, repatriated or closed).")
    public CaseView close(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id,
            @Valid @NotNull CloseRequest request) {
        return CaseMapper.view(cases.close(caseId(id), request.reason()));
    }

    @POST
    @Path("/{id}/transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COORDINATOR)
    @Operation(operationId = "offerTransfer", summary = "Offer the case to another organisation", description = """
            Offers an active case to another organisation, whose coordinators accept or decline it (see Transfers). \
            The case stays yours until the offer is accepted; a case has at most one open offer, which expires \
            unanswered after 14 days (or as the installation sets). Only an organisation whose people have used \
            Corridor can be offered a case: any other name is a 400. The offer records the person's consent to it: \
            `informed-consent` (they agreed, knowing to whom and why) or `vital-interest` (they cannot be asked, and \
            the transfer protects their life), and the day.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransferRequest.class),
            examples = @ExampleObject(name = "offer", ref = "TransferOfferRequest")))
    @APIResponse(responseCode = "201", description = "The offer, made.",
            headers = @Header(name = "Location", description = "The transfer.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferView.class),
                    examples = @ExampleObject(name = "offered", ref = "OfferedTransfer")))
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    @APIResponse(responseCode = "410", description = ERASED)
    @APIResponse(responseCode = "409",
            description = "The case is final, or already offered to an organisation that has not answered yet.")
    public Response offer(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id,
            @Valid @NotNull TransferRequest request) {
        CaseTransfer transfer = transfers.offer(caseId(id), request.toOrganisation(),
                new CaseTransfer.Consent(request.consent().basis(), request.consent().recordedOn()));
        TransferView offered = CaseMapper.view(transfer, transfer.offeredAt());
        return links.created("/api/v1/transfers/{id}", offered.id()).entity(offered).build();
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.AUDITOR, Roles.COORDINATOR})
    @Operation(operationId = "getCaseAudit", summary = "Who read or changed the case, hash-chained", description = """
            The case's audit trail, oldest first: who did what, from which organisation, in which request, when. Each \
            entry's hash is an HMAC under a key kept outside the database and covers the one before it; \
            `chainIntact` says whether the case's whole chain verifies, against the newest signed checkpoint too.""")
    @APIResponse(responseCode = "200", description = "A page of the audit trail.")
    @APIResponse(responseCode = "404", description = NO_SUCH_CASE)
    public AuditView audit(
            @PathParam("id") @Parameter(description = CASE_ID, schema = @Schema(implementation = UUID.class)) String id,
            @QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
            @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        return CaseMapper.view(audit.trail(caseId(id), cursor, Page.limit(limit)));
    }

    static UUID caseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not a case id (UUID)");
        }
    }
}
