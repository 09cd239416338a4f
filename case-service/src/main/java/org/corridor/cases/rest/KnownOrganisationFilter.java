package org.corridor.cases.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.corridor.cases.service.KnownOrganisations;
import org.corridor.platform.identity.Caller;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every organisation whose caller reaches the API becomes one that cases can be offered to. */
public class KnownOrganisationFilter {

    private final KnownOrganisations organisations;
    private final Caller caller;

    public KnownOrganisationFilter(KnownOrganisations organisations, Caller caller) {
        this.organisations = organisations;
        this.caller = caller;
    }

    @ServerRequestFilter
    public void remember(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/api/") && caller.organisation() != null) {
            organisations.callerOf(caller.organisation());
        }
    }
}
