package org.corridor.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Optional;

/**
 * Links to the API's resources as callers reach them: under the configured public base URL (what the ingress
 * serves), or as a path the caller resolves against the URL it called. Never from the request's {@code Host}, which
 * the caller chooses.
 */
@ApplicationScoped
public class PublicLinks {

    private final String base;

    public PublicLinks(@ConfigProperty(name = "corridor.http.public-base-url") Optional<URI> publicBaseUrl) {
        this.base = publicBaseUrl.map(url -> url.toString().replaceFirst("/+$", "")).orElse("");
    }

    /** A link to the resource at a path template such as {@code /api/v1/cases/{id}}. */
    public String to(String pathTemplate, Object... values) {
        return base + UriBuilder.fromPath(pathTemplate).build(values);
    }

    /**
     * 201 Created with a {@code Location} to the new resource. Set as a header, not through {@code location(URI)},
     * which would make a path absolute from the request's host.
     */
    public Response.ResponseBuilder created(String pathTemplate, Object... values) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, to(pathTemplate, values));
    }
}
