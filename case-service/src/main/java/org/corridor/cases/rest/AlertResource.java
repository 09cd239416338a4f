package org.corridor.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.corridor.cases.service.RiskAlerts;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CASEWORKER, Roles.PROTECTION_OFFICER, Roles.COORDINATOR})
@Tag(name = "Alerts", description = """
        When a newly published country policy raises the risk of one of your organisation's active cases, your \
        organisation gets an alert naming the case, the country, the risk before and after, and why.""")
public class AlertResource {

    private final RiskAlerts alerts;

    public AlertResource(RiskAlerts alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(operationId = "listAlerts", summary = "Cases whose risk rose with a policy change, newest first",
            description = "Your organisation's alerts, newest first, a page at a time.")
    public Page<AlertView> alerts(@QueryParam("cursor") @Parameter(description = Page.CURSOR_DESCRIPTION) String cursor,
                                  @QueryParam("limit") @Parameter(description = Page.LIMIT_DESCRIPTION) Integer limit) {
        return CaseMapper.page(alerts.alerts(cursor, Page.limit(limit)), CaseMapper::view);
    }
}
