package org.corridor.gateway.http;

import io.vertx.core.MultiMap;

/**
 * The headers every response carries, whoever produced it (the gateway or a service behind it). The gateway serves
 * data, never pages, so nothing it sends may be framed, sniffed, run as a document, or cached with personal data in it.
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void apply(String path, MultiMap headers) {
        headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        if (path.startsWith("/api/") || path.startsWith("/admin/")) {
            headers.set("Cache-Control", "no-store");
        }
    }
}
