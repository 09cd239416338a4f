package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.service.RetentionService;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organisation/retention")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COORDINATOR)
@Tag(name = "Organisation", description = "Your organisation's own settings.")
public class RetentionResource {

    private final RetentionService retention;

    public RetentionResource(RetentionService retention) {
        this.retention = retention;
    }

    @GET
    @Operation(operationId = "getRetention", summary = "How long personal data of final cases is kept")
    public RetentionView get() {
        return new RetentionView(retention.monthsAfterFinal().orElse(null));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setRetention", summary = "Set how long personal data of final cases is kept", description = """
            From now on, the personal data of every case of your organisation final for longer than this many months is \
            erased by a job that runs every hour, as eraseCase does (each erasure in the case's audit trail, by \
            `retention`), including cases that became final before this setting.""")
    @APIResponse(responseCode = "200", description = "The setting, as it is now.")
    public RetentionView set(@Valid @NotNull RetentionView setting) {
        retention.setMonthsAfterFinal(setting.erasePersonalDataMonthsAfterFinal());
        return new RetentionView(retention.monthsAfterFinal().orElse(null));
    }
}
