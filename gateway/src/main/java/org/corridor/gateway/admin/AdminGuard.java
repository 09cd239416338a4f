package org.corridor.gateway.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.corridor.gateway.config.GatewayConfig;
import org.corridor.gateway.identity.Credentials;
import org.corridor.gateway.keys.ApiKeyHash;
import org.corridor.platform.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Lets only holders of an admin key (configured by its SHA-256, never the key) reach an {@link AdminOnly} resource.
 * Partner keys are not admin keys, and admin keys open nothing under {@code /api/}: the two never mix.
 */
public class AdminGuard {

    static final String ADMIN = "corridor.admin";

    private final List<ApiKeyHash> adminKeys;

    public AdminGuard(GatewayConfig config) {
        this.adminKeys = config.admin().keyHashes().stream().flatMap(Collection::stream)
                .map(ApiKeyHash::new).toList();
    }

    @AdminOnly
    @ServerRequestFilter
    public Optional<Response> requireAdminKey(ContainerRequestContext request) {
        Optional<ApiKeyHash> presented = Credentials.apiKey(request.getHeaderString(HttpHeaders.AUTHORIZATION)).map(ApiKeyHash::of);
        Optional<ApiKeyHash> admin = presented.flatMap(hash -> adminKeys.stream().filter(hash::matches).findFirst());
        if (admin.isEmpty()) {
            return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, Credentials.API_KEY_SCHEME)
                    .entity(Problem.of(401, "unauthorized", "Unauthorized",
                            "An admin key is required: send it as 'Authorization: ApiKey <key>'.", null))
                    .build());
        }
        // names the admin in the log by a prefix of its key's hash, which tells nothing about the key
        request.setProperty(ADMIN, admin.get().hex().substring(0, 12));
        return Optional.empty();
    }
}
