package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.service.TransferService;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@Path("/api/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COORDINATOR)
@Tag(name = "Transfers", description = """
        A coordinator offers a case to another organisation (offerTransfer); a coordinator of that organisation \
        accepts it, and the case becomes theirs, its key wrapped by their key, while the offering organisation no \
        longer sees it; or declines it, and the case stays where it was. An offer nobody answers expires at its \
        `expiresAt`; the offering organisation can withdraw it before.""")
public class TransferResource {

    private static final String TRANSFER_ID = "The transfer's id (a UUID).";
    private static final String NO_SUCH_OFFER = "No transfer with this id was offered to your organisation.";
    private static final String DECIDED = "The offer was already accepted, declined, withdrawn or expired.";

    private final TransferService transfers;
    private final Clock clock;

    public TransferResource(TransferService transfers, Clock clock) {
        this.transfers = transfers;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "listTransfers", summary = "Transfers offered to or by the organisation, newest first",
            description = "Transfers offered to or by your organisation, newest first, whatever their status, a page at a time.")
    public Page<TransferView> list(@QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
                                   @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        Instant now = clock.instant();
        return CaseMapper.page(transfers.transfers(cursor, Page.limit(limit)), transfer -> CaseMapper.view(transfer, now));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTransfer", summary = "One transfer offered to or by the organisation")
    @APIResponse(responseCode = "200", description = "The transfer.")
    @APIResponse(responseCode = "404", description = "No transfer with this id was offered to or by your organisation.")
    public TransferView get(
            @PathParam("id") @Parameter(description = TRANSFER_ID, schema = @Schema(implementation = UUID.class)) String id) {
        return CaseMapper.view(transfers.transfer(transferId(id)), clock.instant());
    }

    @POST
    @Path("/{id}/withdraw")
    @Operation(operationId = "withdrawTransfer", summary = "Withdraw an offer nobody has answered yet",
            description = "Withdraws an offer your organisation made; the case stays yours and can be offered again.")
    @APIResponse(responseCode = "200", description = "The transfer, withdrawn.")
    @APIResponse(responseCode = "404", description = "No transfer with this id was offered by your organisation.")
    @APIResponse(responseCode = "409", description = DECIDED)
    public TransferView withdraw(
            @PathParam("id") @Parameter(description = TRANSFER_ID, schema = @Schema(implementation = UUID.class)) String id) {
        return CaseMapper.view(transfers.withdraw(transferId(id)), clock.instant());
    }

    @POST
    @Path("/{id}/accept")
    @Operation(operationId = "acceptTransfer", summary = "Accept an offered case: it becomes this organisation's",
            description = "Accepts an offer made to your organisation: the case, its journey and its personal data become "
                    + "your organisation's, and the offering organisation no longer sees the case.")
    @APIResponse(responseCode = "200", description = "The transfer, accepted.")
    @APIResponse(responseCode = "404", description = NO_SUCH_OFFER)
    @APIResponse(responseCode = "409", description = DECIDED)
    public TransferView accept(
            @PathParam("id") @Parameter(description = TRANSFER_ID, schema = @Schema(implementation = UUID.class)) String id) {
        return CaseMapper.view(transfers.accept(transferId(id)), clock.instant());
    }

    @POST
    @Path("/{id}/decline")
    @Operation(operationId = "declineTransfer", summary = "Decline an offered case",
            description = "Declines an offer made to your organisation; the case stays with the organisation that offered it.")
    @APIResponse(responseCode = "200", description = "The transfer, declined.")
    @APIResponse(responseCode = "404", description = NO_SUCH_OFFER)
    @APIResponse(responseCode = "409", description = DECIDED)
    public TransferView decline(
            @PathParam("id") @Parameter(description = TRANSFER_ID, schema = @Schema(implementation = UUID.class)) String id) {
        return CaseMapper.view(transfers.decline(transferId(id)), clock.instant());
    }

    private static UUID transferId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not a transfer id (UUID)");
        }
    }
}
