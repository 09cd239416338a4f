package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.service.TransferService;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COORDINATOR)
@Tag(name = "Transfers")
public class TransferResource {

    private final TransferService transfers;

    public TransferResource(TransferService transfers) {
        this.transfers = transfers;
    }

    @GET
    @Operation(operationId = "listTransfers", summary = "Transfers offered to or by the organisation, newest first")
    public List<TransferView> list() {
        return transfers.transfers();
    }

    @POST
    @Path("/{id}/accept")
    @Operation(operationId = "acceptTransfer", summary = "Accept an offered case: it becomes this organisation's")
    public TransferView accept(@PathParam("id") String id) {
        return transfers.accept(transferId(id));
    }

    @POST
    @Path("/{id}/decline")
    @Operation(operationId = "declineTransfer", summary = "Decline an offered case")
    public TransferView decline(@PathParam("id") String id) {
        return transfers.decline(transferId(id));
    }

    private static UUID transferId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not a transfer id (UUID)");
        }
    }
}
