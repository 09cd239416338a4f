package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.domain.AuditCheckpoint;
import org.corridor.cases.service.AuditCheckpoints;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AUDITOR, Roles.COORDINATOR})
@Tag(name = "Audit", description = """
        Every case's audit trail is a chain of entries, each an HMAC under a key kept outside the database over the \
        entry and the one before. Once a day (by default) Corridor signs a checkpoint of every trail's head with an \
        Ed25519 key, also kept outside the database. Fetch the checkpoints and the public key and keep them \
        elsewhere: a trail that is later shorter than a checkpoint says, or ends differently there, has been cut or \
        rewritten, and getCaseAudit shows it as not intact.""")
public class AuditResource {

    static final String STATEMENT = """
            The signed text, lines ending in a line feed: `corridor-audit-checkpoint/1`, `made-at <instant>`, \
            `key <key id>`, then per organisation in name order `organisation <name> <digest>`. An organisation's \
            digest is the SHA-256 (hex) of a line `<case id> <entries> <head>` per case it owned, in case id order, \
            each ending in a line feed: recompute it from getAuditCheckpointHeads.""";

    private final AuditCheckpoints checkpoints;

    public AuditResource(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GET
    @Path("/checkpoints")
    @Operation(operationId = "listAuditCheckpoints", summary = "Signed checkpoints of every audit trail's head, newest first")
    public Page<CheckpointView> list(@QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
                                     @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        return CaseMapper.page(checkpoints.page(cursor, Page.limit(limit)), AuditResource::view);
    }

    @GET
    @Path("/checkpoints/{id}/heads")
    @Operation(operationId = "getAuditCheckpointHeads", summary = "The heads a checkpoint signed of your organisation's cases",
            description = """
                    The checkpoint and, a page at a time in case id order, the chain head it signed of each case your \
                    organisation owned then: from all of them, recompute your organisation's digest in the statement.""")
    @APIResponse(responseCode = "200", description = "The checkpoint and a page of its heads.")
    @APIResponse(responseCode = "404", description = "No such checkpoint.")
    public CheckpointHeadsView heads(
            @PathParam("id") @Parameter(description = "The checkpoint's id.", schema = @Schema(type = SchemaType.INTEGER)) String id,
            @QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
            @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        var heads = checkpoints.heads(checkpointId(id), cursor, Page.limit(limit));
        return new CheckpointHeadsView(view(heads.checkpoint()),
                heads.heads().items().stream().map(head -> new CheckpointHeadsView.Head(head.caseId(), head.entries(), head.head())).toList(),
                heads.heads().next());
    }

    @GET
    @Path("/checkpoint-key")
    @Operation(operationId = "getAuditCheckpointKey", summary = "The public key that checks the checkpoints")
    public CheckpointKeyView key() {
        return new CheckpointKeyView(checkpoints.keyId(), "Ed25519", checkpoints.publicKeyPem());
    }

    private static CheckpointView view(AuditCheckpoint checkpoint) {
        return new CheckpointView(checkpoint.id(), checkpoint.madeAt(), checkpoint.keyId(), checkpoint.statement(),
                checkpoint.signature());
    }

    private static long checkpointId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("id", "is not a checkpoint id");
        }
    }
}
