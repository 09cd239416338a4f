package org.corridor.platform.identity;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.corridor.platform.problem.ProblemMappers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses every {@code /api/} request that lacks a valid internal token, known path or not, so a service reached
 * directly, around the gateway, answers 401. Probes and the contract under {@code /q/} and {@code /openapi} stay open.
 */
public class InternalTokenGuard {

    private final CurrentIdentityAssociation identity;
    private final boolean enabled;

    public InternalTokenGuard(CurrentIdentityAssociation identity,
                              @ConfigProperty(name = "corridor.internal-token.required", defaultValue = "true") boolean enabled) {
        this.identity = identity;
        this.enabled = enabled;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> requireToken(ContainerRequestContext request) {
        if (!enabled || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity()
                .map(caller -> caller.isAnonymous() ? ProblemMappers.unauthorized() : null)
                .onFailure().recoverWithItem(ProblemMappers::unauthorized);
    }
}
