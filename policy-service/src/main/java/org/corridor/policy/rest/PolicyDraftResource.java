package org.corridor.policy.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.http.ETags;
import org.corridor.platform.http.PublicLinks;
import org.corridor.platform.idempotency.IdempotentRequests;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.identity.Roles;
import org.corridor.policy.domain.PolicyDraft;
import org.corridor.policy.service.DraftImpacts;
import org.corridor.policy.service.PolicyService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** The four-eyes change workflow: editors write drafts, a different approver publishes them. */
@Path("/api/v1/countries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policy changes", description = """
        A change to a country's policy is a draft until it is published. Policy editors write and revise drafts; a \
        policy approver who did not write or revise the draft publishes it (four eyes). Publishing records a new \
        version, which supersedes whatever was in force from its `validFrom` on, and tells the other services: cases \
        are scored again, and organisations are alerted when one of their cases' risk rises.""")
public class PolicyDraftResource {

    // under the same root as CountryPolicyResource, so that a wrong method here is a 405 rather than a 404
    private static final String DRAFTS = "/{code}/policy/drafts";
    private static final String DRAFT_ID = "The draft's id.";
    private static final String REVISION_ETAG = "The draft's revision: send it back as If-Match to revise the draft.";
    private static final String NO_SUCH_DRAFT = "There is no draft with this id for this country.";
    private static final String PUBLISHED = "The draft is already published; published versions are never changed: "
            + "write a new draft.";

    private final PolicyService policies;
    private final DraftImpacts impacts;
    private final Caller caller;
    private final PublicLinks links;

    public PolicyDraftResource(PolicyService policies, DraftImpacts impacts, Caller caller, PublicLinks links) {
        this.links = links;
        this.policies = policies;
        this.impacts = impacts;
        this.caller = caller;
    }

    @POST
    @Path(DRAFTS)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_EDITOR)
    @Operation(operationId = "createPolicyDraft", summary = "Write a draft of a new policy version",
            description = "Writes a draft of a new version of the country's policy; you become one of its editors.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyFields.class),
            examples = @ExampleObject(name = "mongolia-returns", ref = "PolicyDraftRequest")))
    @APIResponse(responseCode = "201", description = "The draft, written (or written before under the same Idempotency-Key).",
            headers = {@Header(name = "Location", description = "The draft.",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                    @Header(name = "ETag", description = REVISION_ETAG, schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PolicyDraftView.class),
                    examples = @ExampleObject(name = "mongolia-returns", ref = "WrittenPolicyDraft")))
    @APIResponse(responseCode = "422", description = "This Idempotency-Key was used before for a different request.")
    @APIResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being processed: "
            + "retry after Retry-After for its result.")
    public Response create(
            @PathParam("code") @Parameter(description = CountryPolicyResource.COUNTRY_CODE, example = "MN") String code,
            @Valid @NotNull PolicyFields fields,
            @HeaderParam(IdempotentRequests.HEADER) @Parameter(description = "Any string of 1 to 200 characters that you "
                    + "make unique per draft you write, so that retrying is safe; remembered per caller.")
            String idempotencyKey) {
        String country = CountryCodes.require("code", code);
        PolicyDraft draft = policies.writeDraft(country, PolicyMapper.period(fields), PolicyMapper.content(fields),
                caller.subject(), idempotencyKey);
        return links.created("/api/v1/countries/{code}/policy/drafts/{id}", country, draft.id)
                .tag(ETags.of(draft.revision))
                .entity(PolicyMapper.view(draft))
                .build();
    }

    @GET
    @Path(DRAFTS)
    @RolesAllowed({Roles.POLICY_EDITOR, Roles.POLICY_APPROVER})
    @Operation(operationId = "listPolicyDrafts", summary = "Open drafts for a country",
            description = "The country's drafts that are not published yet.")
    public List<PolicyDraftView> openDrafts(
            @PathParam("code") @Parameter(description = CountryPolicyResource.COUNTRY_CODE, example = "MN") String code) {
        return policies.openDrafts(CountryCodes.require("code", code)).stream().map(PolicyMapper::view).toList();
    }

    @GET
    @Path(DRAFTS + "/{id}")
    @RolesAllowed({Roles.POLICY_EDITOR, Roles.POLICY_APPROVER})
    @Operation(operationId = "getPolicyDraft", summary = "One draft",
            description = "The draft, open or published, with its editors and revision.")
    @APIResponse(responseCode = "200", description = "The draft.",
            headers = @Header(name = "ETag", description = REVISION_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PolicyDraftView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_DRAFT)
    public Response draft(
            @PathParam("code") @Parameter(description = CountryPolicyResource.COUNTRY_CODE, example = "MN") String code,
            @PathParam("id") @Parameter(description = DRAFT_ID) UUID id) {
        PolicyDraft draft = policies.draft(CountryCodes.require("code", code), id);
        return Response.ok(PolicyMapper.view(draft)).tag(ETags.of(draft.revision)).build();
    }

    @GET
    @Path(DRAFTS + "/{id}/impact")
    @RolesAllowed({Roles.POLICY_EDITOR, Roles.POLICY_APPROVER})
    @Operation(operationId = "getPolicyDraftImpact", summary = "What publishing the draft would do to the cases",
            description = """
                    How many active cases would move from which risk level to which if the draft were published now: \
                    exact for your organisation, disclosure-controlled across all organisations. Read it before \
                    publishing; publication then re-scores the same cases the same way.""")
    @APIResponse(responseCode = "200", description = "The draft's impact.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PolicyImpactView.class),
                    examples = @ExampleObject(name = "laos-returns", ref = "PolicyDraftImpact")))
    @APIResponse(responseCode = "404", description = NO_SUCH_DRAFT)
    @APIResponse(responseCode = "503", description = "The cases cannot be read now: retry after Retry-After.",
            headers = @Header(name = "Retry-After", description = "Seconds to wait.", schema = @Schema(type = SchemaType.INTEGER)))
    public PolicyImpactView impact(
            @PathParam("code") @Parameter(description = CountryPolicyResource.COUNTRY_CODE, example = "LA") String code,
            @PathParam("id") @Parameter(description = DRAFT_ID) UUID id) {
        return PolicyMapper.view(id, impacts.of(CountryCodes.require("code", code), id));
    }

    @PUT
    @Path(DRAFTS + "/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_EDITOR)
    @Operation(operationId = "revisePolicyDraft", summary = "Revise an open draft (If-Match required)", description = """
            Replaces the content of an open draft, provided If-Match names its current revision; you join its \
            editors, so you may no longer publish it.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyFields.class),
            examples = @ExampleObject(name = "mongolia-returns", ref = "PolicyDraftRequest")))
    @APIResponse(responseCode = "200", description = "The draft, revised.",
            headers = @Header(name = "ETag", description = REVISION_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PolicyDraftView.class)))
    @APIResponse(responseCode = "404", description = NO_SUCH_DRAFT)
    @APIResponse(responseCode = "409", description = PUBLISHED)
    @APIResponse(responseCode = "412", description = "The draft changed since the revision in If-Match: read it, then retry.")
    @APIResponse(responseCode = "428", description = "If-Match is missing.")
    public Response revise(
            @PathParam("code") @Parameter(description = CountryPolicyResource.COUNTRY_CODE, example = "MN") String code,
            @PathParam("id") @Parameter(description = DRAFT_ID) UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(required = true,
                    description = "The ETag of the draft as you last read it.", example = "\"1\"") String ifMatch,
            @Valid @NotNull PolicyFields fields) {
        long revision = ETags.requiredRevision(ifMatch);
        PolicyDraft draft = policies.reviseDraft(CountryCodes.require("code", code), id, (int) revision,
                PolicyMapper.period(fields), PolicyMapper.content(fields), caller.subject());
        return Response.ok(PolicyMapper.view(draft)).tag(ETags.of(draft.revision)).build();
    }

    @POST
    @Path(DRAFTS + "/{id}/publish")
    @RolesAllowed(Roles.POLICY_APPROVER)
    @Operation(operationId = "publishPolicyDraft", summary = "Publish a draft written by someone else", description = """
            Publishes the draft as a new version of the country's policy, recorded now: from its `validFrom` on it \
            supersedes whatever was in force. Nobody who wrote or revised the draft may publish it.""")
    @APIResponse(responseCode = "200", description = "The version, published.")
    @APIResponse(responseCode = "403", description = "You wrote or revised this draft, so someone else must publish it; "
            + "or your roles do not allow publishing.")
    @APIResponse(responseCode = "404", description = NO_SUCH_DRAFT)
    @APIResponse(responseCode = "409", description = PUBLISHED)
    public PolicyVersionView publish(
            @PathParam("code") @Parameter(description = CountryPolicyResource.COUNTRY_CODE, example = "MN") String code,
            @PathParam("id") @Parameter(description = DRAFT_ID) UUID id) {
        return PolicyMapper.view(policies.publish(CountryCodes.require("code", code), id, caller.subject()));
    }
}
