package org.corridor.gateway.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.corridor.gateway.keys.ApiKeyService;
import org.corridor.platform.problem.ProblemException;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Operators issue, list and revoke partner API keys here, with an admin key; it is not part of the partner contract. */
@Path("/admin/v1/keys")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyAdminResource {

    private final ApiKeyService keys;

    public ApiKeyAdminResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    public Response issue(@Valid @NotNull NewApiKey request, @Context ContainerRequestContext context) throws SQLException {
        var issued = keys.issue(request.org(), request.roles(), request.label(), request.expiresAt(), admin(context));
        // a path, resolved by the caller against the URL it called: never built from the Host header it sent
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/admin/v1/keys/" + issued.grant().id())
                .entity(new IssuedKey(ApiKeyView.of(issued.grant(), Instant.now()), issued.key()))
                .build();
    }

    @GET
    public List<ApiKeyView> list(@QueryParam("org") String organisation) throws SQLException {
        Instant now = Instant.now();
        return keys.list(Optional.ofNullable(organisation)).stream().map(grant -> ApiKeyView.of(grant, now)).toList();
    }

    @GET
    @Path("{id}")
    public ApiKeyView one(@PathParam("id") UUID id) throws SQLException {
        return keys.find(id).map(grant -> ApiKeyView.of(grant, Instant.now()))
                .orElseThrow(() -> ProblemException.notFound("The API key"));
    }

    /** Revocation is final and idempotent: revoking a revoked key changes nothing and still answers 204. */
    @DELETE
    @Path("{id}")
    public void revoke(@PathParam("id") UUID id, @Context ContainerRequestContext context) throws SQLException {
        keys.revoke(id, admin(context));
    }

    private static String admin(ContainerRequestContext context) {
        return (String) context.getProperty(AdminGuard.ADMIN);
    }
}
