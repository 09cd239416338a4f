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
import jakarta.ws.rs.core.UriBuilder;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.http.ETags;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.identity.Roles;
import org.corridor.policy.domain.PolicyDraft;
import org.corridor.policy.service.PolicyService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** The four-eyes change workflow: editors write drafts, a different approver publishes them. */
@Path("/api/v1/countries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policy changes")
public class PolicyDraftResource {

    // under the same root as CountryPolicyResource, so that a wrong method here is a 405 rather than a 404
    private static final String DRAFTS = "/{code}/policy/drafts";

    private final PolicyService policies;
    private final Caller caller;

    public PolicyDraftResource(PolicyService policies, Caller caller) {
        this.policies = policies;
        this.caller = caller;
    }

    @POST
    @Path(DRAFTS)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_EDITOR)
    @Operation(operationId = "createPolicyDraft", summary = "Write a draft of a new policy version")
    public Response create(@PathParam("code") String code, @Valid @NotNull PolicyFields fields) {
        String country = CountryCodes.require("code", code);
        PolicyDraft draft = policies.writeDraft(country, PolicyMapper.period(fields), PolicyMapper.content(fields), caller.subject());
        return Response.created(UriBuilder.fromPath("/api/v1/countries/{code}/policy/drafts/{id}").build(country, draft.id))
                .tag(ETags.of(draft.revision))
                .entity(PolicyMapper.view(draft))
                .build();
    }

    @GET
    @Path(DRAFTS)
    @RolesAllowed({Roles.POLICY_EDITOR, Roles.POLICY_APPROVER})
    @Operation(operationId = "listPolicyDrafts", summary = "Open drafts for a country")
    public List<PolicyDraftView> openDrafts(@PathParam("code") String code) {
        return policies.openDrafts(CountryCodes.require("code", code)).stream().map(PolicyMapper::view).toList();
    }

    @GET
    @Path(DRAFTS + "/{id}")
    @RolesAllowed({Roles.POLICY_EDITOR, Roles.POLICY_APPROVER})
    @Operation(operationId = "getPolicyDraft", summary = "One draft")
    public Response draft(@PathParam("code") String code, @PathParam("id") UUID id) {
        PolicyDraft draft = policies.draft(CountryCodes.require("code", code), id);
        return Response.ok(PolicyMapper.view(draft)).tag(ETags.of(draft.revision)).build();
    }

    @PUT
    @Path(DRAFTS + "/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.POLICY_EDITOR)
    @Operation(operationId = "revisePolicyDraft", summary = "Revise an open draft (If-Match required)")
    public Response revise(@PathParam("code") String code, @PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull PolicyFields fields) {
        long revision = ETags.requiredRevision(ifMatch);
        PolicyDraft draft = policies.reviseDraft(CountryCodes.require("code", code), id, (int) revision,
                PolicyMapper.period(fields), PolicyMapper.content(fields), caller.subject());
        return Response.ok(PolicyMapper.view(draft)).tag(ETags.of(draft.revision)).build();
    }

    @POST
    @Path(DRAFTS + "/{id}/publish")
    @RolesAllowed(Roles.POLICY_APPROVER)
    @Operation(operationId = "publishPolicyDraft", summary = "Publish a draft written by someone else")
    public PolicyVersionView publish(@PathParam("code") String code, @PathParam("id") UUID id) {
        return PolicyMapper.view(policies.publish(CountryCodes.require("code", code), id, caller.subject()));
    }
}
