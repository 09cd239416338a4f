package org.corridor.cases.changes.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.changes.domain.ChangeType;
import org.corridor.cases.changes.service.ChangeFeed;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.json.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASEWORKER, Roles.PROTECTION_OFFICER, Roles.COORDINATOR})
@Tag(name = "Changes", description = """
        What changed in your organisation's cases, in the order Corridor recorded it: a partner system keeps in step by \
        reading on from the `next` of its last page. Each entry names the case, what happened and the case's revision \
        after it; read the case for its content. A case transferred to another organisation appears once more, as \
        `transferred-away`, and nothing of it after; one transferred to yours appears as `transferred-in`. Reading the \
        feed is not a read of any case (it holds no personal data) and is not recorded in the audit trails.""")
public class ChangeResource {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    private final ChangeFeed feed;

    public ChangeResource(ChangeFeed feed) {
        this.feed = feed;
    }

    @GET
    @Operation(operationId = "listChanges", summary = "What changed in the organisation's cases since a cursor",
            description = "The changes after `cursor` (from the first without it), oldest first. The answer's `next` "
                    + "is there even on an empty page; a change becomes visible here within a second of being made.")
    @APIResponse(responseCode = "200", description = "A page of changes.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangePageView.class)))
    public ChangePageView list(
            @QueryParam("cursor") @Parameter(description = "The `next` of the page before; without it, from the first change.") String cursor,
            @QueryParam("limit") @Parameter(description = "How many changes a page holds at most: 1 to " + MAX_LIMIT
                    + ", default " + DEFAULT_LIMIT + ".") Integer limit,
            @QueryParam("types") @Parameter(description = "Only changes of these types, separated by commas; all without it.",
                    explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = ChangeType.class))
            String types) {
        var page = feed.after(cursor, QueryParameters.enumValues("types", types, ChangeType.class),
                Page.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
        return new ChangePageView(page.items().stream().map(change -> new ChangeView(Long.toString(change.position()),
                change.type(), change.caseId(), change.revision(), change.changedAt())).toList(), page.next());
    }
}
