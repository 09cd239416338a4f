package org.corridor.gateway.http;

import io.vertx.core.MultiMap;

/**
 * The headers every response carries, whoever produced it (the gateway or a service behind it). The gateway serves
 * data, and one page (the contract's browsable UI, which may run its own scripts only), so nothing it sends may be
 * framed, sniffed, run as a document, or cached with personal data in it.
 */
final class SecurityHeaders {

    /** Where the contract can be browsed (quarkus.swagger-ui.path): the one page the gateway serves. */
    static final String CONTRACT_UI = "/docs";

    private static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    // Swagger UI's page starts itself with an inline script and styles; it loads nothing from elsewhere
    private static final String CONTRACT_UI_POLICY = "default-src 'none'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private SecurityHeaders() {
    }

    static void apply(String path, MultiMap headers) {
        headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Content-Security-Policy", path.startsWith(CONTRACT_UI) ? CONTRACT_UI_POLICY : DATA_POLICY);
        if (path.startsWith("/api/") || path.startsWith("/admin/")) {
            headers.set("Cache-Control", "no-store");
        }
    }
}
