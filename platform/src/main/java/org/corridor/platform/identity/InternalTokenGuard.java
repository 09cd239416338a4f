package org.corridor.platform.identity;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.corridor.platform.problem.ProblemMappers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.security.Principal;
import java.time.Duration;

/**
 * Refuses every {@code /api/} request that lacks a valid internal token, known path or not, so a service reached
 * directly, around the gateway, answers 401. The contract at {@code /openapi} stays open; probes and metrics are on
 * the management interface, another port.
 * A token must be shaped as the gateway makes them: living no longer than its tokens, one organisation as text.
 */
public class InternalTokenGuard {

    // the gateway's corridor.gateway.internal-token-lifetime; a longer-lived token was not made by it
    private static final Duration LONGEST_LIFETIME = Duration.ofMinutes(5);

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
                .map(caller -> caller.isAnonymous() || !asTheGatewayIssues(caller.getPrincipal())
                        ? ProblemMappers.unauthorized() : null)
                .onFailure().recoverWithItem(ProblemMappers::unauthorized);
    }

    private static boolean asTheGatewayIssues(Principal principal) {
        return principal instanceof JsonWebToken token
                && token.getClaim(Claims.iat.name()) instanceof Number issuedAt
                && token.getExpirationTime() - issuedAt.longValue() <= LONGEST_LIFETIME.toSeconds()
                && token.getClaim(InternalToken.ORGANISATION_CLAIM) instanceof String;
    }
}
