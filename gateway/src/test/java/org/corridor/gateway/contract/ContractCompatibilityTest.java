package org.corridor.gateway.contract;

import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published contract against the last released one (docs/API-POLICY.md): every operation a change breaks for a
 * client built on the release (gone, or asking more or answering less than it did) must be announced under
 * "Breaking" in the changelog's unreleased section, or the build fails.
 */
class ContractCompatibilityTest {

    private static final Path API = Path.of("..", "docs", "api");
    private static final Path RELEASED = API.resolve("released.openapi.json");
    private static final Path PUBLISHED = API.resolve("corridor.openapi.json");
    private static final Path CHANGELOG = API.resolve("CHANGELOG.md");

    /** "POST /api/v1/cases/{id}/transfers" for each operation the change from {@code released} breaks. */
    static List<String> breakingChanges(String released, String published) {
        ChangedOpenApi diff = OpenApiCompare.fromContents(released, published);
        return Stream.concat(
                        diff.getMissingEndpoints().stream().map(gone -> gone.getMethod() + " " + gone.getPathUrl()),
                        diff.getChangedOperations().stream().filter(changed -> changed.isIncompatible())
                                .map(changed -> changed.getHttpMethod() + " " + changed.getPathUrl()))
                .sorted().toList();
    }

    /** The changelog's "Breaking" entries not yet released: the lines under it, up to the next heading. */
    static String announcedBreaks(String changelog) {
        String unreleased = section(changelog, "## Unreleased", "\n## ");
        return section(unreleased, "### Breaking", "\n#");
    }

    private static String section(String text, String heading, String next) {
        int start = text.indexOf(heading);
        if (start < 0) {
            return "";
        }
        int end = text.indexOf(next, start + heading.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    @Test
    void everyBreakSinceTheReleaseIsAnnouncedInTheChangelog() throws IOException {
        List<String> breaks = breakingChanges(Files.readString(RELEASED), Files.readString(PUBLISHED));
        String announced = announcedBreaks(Files.readString(CHANGELOG));
        List<String> unannounced = breaks.stream().filter(operation -> !announced.contains("`" + operation + "`")).toList();
        assertEquals(List.of(), unannounced, "the contract breaks these operations for clients of the release, and "
                + CHANGELOG + " does not announce it: make the change compatible, or name each operation in backquotes "
                + "under '### Breaking' in its '## Unreleased' section with what a client must change (docs/API-POLICY.md)");
    }

    @Test
    void removingAnOperationOrRequiringMoreOfARequestBreaksAndAddingDoesNot() {
        String released = contract("""
                "/things": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object",
                  "properties": {"name": {"type": "string"}}, "required": ["name"]}}}},
                  "responses": {"201": {"description": "Made."}}}},
                "/things/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true,
                  "schema": {"type": "string"}}], "responses": {"200": {"description": "The thing."}}}}""");
        String moreAsked = contract("""
                "/things": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object",
                  "properties": {"name": {"type": "string"}, "consent": {"type": "string"}}, "required": ["name", "consent"]}}}},
                  "responses": {"201": {"description": "Made."}}}},
                "/things/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true,
                  "schema": {"type": "string"}}], "responses": {"200": {"description": "The thing."}}}}""");
        String gone = contract("""
                "/things": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object",
                  "properties": {"name": {"type": "string"}}, "required": ["name"]}}}},
                  "responses": {"201": {"description": "Made."}}}}""");
        String added = contract("""
                "/things": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object",
                  "properties": {"name": {"type": "string"}, "note": {"type": "string"}}, "required": ["name"]}}}},
                  "responses": {"201": {"description": "Made."}}}},
                "/things/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true,
                  "schema": {"type": "string"}}], "responses": {"200": {"description": "The thing."}}}},
                "/things/{id}/history": {"get": {"parameters": [{"name": "id", "in": "path", "required": true,
                  "schema": {"type": "string"}}], "responses": {"200": {"description": "Its history."}}}}""");

        assertEquals(List.of("POST /things"), breakingChanges(released, moreAsked));
        assertEquals(List.of("GET /things/{id}"), breakingChanges(released, gone));
        assertEquals(List.of(), breakingChanges(released, added));
    }

    @Test
    void onlyTheUnreleasedBreakingEntriesCount() {
        String changelog = """
                # Changelog

                ## Unreleased

                ### Added
                - `GET /things/{id}/history`

                ### Breaking
                - `POST /things`: send `consent`.

                ## 1.0.0 (2026-11-01)

                ### Breaking
                - `GET /things/{id}`: gone.
                """;
        String announced = announcedBreaks(changelog);
        assertTrue(announced.contains("`POST /things`"));
        assertTrue(!announced.contains("`GET /things/{id}`") && !announced.contains("history"), announced);
    }

    private static String contract(String paths) {
        return """
                {"openapi": "3.0.3", "info": {"title": "Things", "version": "1"}, "paths": {%s}}""".formatted(paths);
    }
}
