package org.corridor.platform.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublicLinksTest {

    private static final UUID CASE = UUID.fromString("5f0c6d2e-8d4b-4f4e-9b1a-2c3d4e5f6a7b");

    @Test
    void linksAreUnderTheConfiguredPublicBaseUrl() {
        var links = new PublicLinks(Optional.of(URI.create("https://corridor.example.org/")));
        assertEquals("https://corridor.example.org/api/v1/cases/" + CASE, links.to("/api/v1/cases/{id}", CASE));
        assertEquals("https://corridor.example.org/api/v1/cases/" + CASE,
                links.created("/api/v1/cases/{id}", CASE).build().getHeaderString("Location"));
    }

    @Test
    void withoutABaseUrlALinkIsAPathTheCallerResolves() {
        var links = new PublicLinks(Optional.empty());
        assertEquals("/api/v1/countries/MN/policy/drafts/" + CASE,
                links.to("/api/v1/countries/{code}/policy/drafts/{id}", "MN", CASE));
    }
}
