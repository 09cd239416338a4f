package org.corridor.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Corridor's public API through the gateway, with the demo API keys, as a partner system calls it. */
final class Gateway {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final JsonNode credentials;

    Gateway(String base, Path credentials) throws IOException {
        this.base = base;
        this.credentials = JSON.readTree(credentials.toFile());
    }

    /** The demo key of an organisation holding exactly the given roles. */
    String key(String organisation, String... roles) {
        List<String> wanted = List.of(roles);
        for (JsonNode credential : credentials) {
            List<String> held = new ArrayList<>();
            credential.get("roles").forEach(role -> held.add(role.asText()));
            if (credential.get("org").asText().equals(organisation) && held.equals(wanted)) {
                return credential.get("apiKey").asText();
            }
        }
        throw new IllegalArgumentException("no demo key for " + organisation + " " + wanted);
    }

    /** One call; an answer of any status is returned, a connection failure is thrown. */
    Answer call(String key, String method, String path, JsonNode body, String... headers) throws IOException {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "ApiKey " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A file sent as one body of the given media type (an import); an answer of any status is returned. */
    Answer upload(String key, String path, String mediaType, byte[] file) throws IOException {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "ApiKey " + key).header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A call that must succeed (retried while the system answers 429 or 503, as a careful client does). */
    JsonNode ok(String key, String method, String path, JsonNode body) throws IOException {
        return ok(Set.of(429, 503), key, method, path, body);
    }

    /**
     * A creation that must succeed, under an Idempotency-Key of its own, so that it is also retried after a 504 (the
     * gateway could not say whether the service acted) and a 409 (that first attempt is still in flight): the retry
     * answers what the first attempt did, if it did.
     */
    JsonNode created(String key, String path, JsonNode body) throws IOException {
        return ok(Set.of(409, 429, 503, 504), key, "POST", path, body, "Idempotency-Key", UUID.randomUUID().toString());
    }

    private JsonNode ok(Set<Integer> retried, String key, String method, String path, JsonNode body, String... headers)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            Answer answer = call(key, method, path, body, headers);
            if (answer.status() / 100 == 2) {
                return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
            }
            if (!retried.contains(answer.status()) || attempt == 20) {
                throw new AssertionError(method + " " + path + " answered " + answer.status() + ": " + answer.body());
            }
            pause(answer.retryAfter().map(Long::parseLong).map(Duration::ofSeconds).orElse(Duration.ofMillis(500)));
        }
    }

    /** Every item of a paged collection (such as the caller's cases or alerts), page by page. */
    List<JsonNode> all(String key, String collection) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(key, "GET", collection + "?limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), null);
            page.get("items").forEach(items::add);
            cursor = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (cursor != null);
        return items;
    }

    /** The cell of report-service's overview (people by status and country) for the caller's organisation. */
    JsonNode overviewCell(String coordinatorKey, String country, String status) throws IOException {
        for (JsonNode cell : ok(coordinatorKey, "GET", "/api/v1/reports/overview", null).path("cells")) {
            if (country.equals(cell.path("country").asText()) && status.equals(cell.path("status").asText())) {
                return cell;
            }
        }
        return JSON.createObjectNode().put("count", 0);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String body, Optional<String> retryAfter) {

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        /** The last segment of the RFC 9457 problem's type, if the answer is one. */
        String problemType() {
            try {
                String type = json().path("type").asText("");
                return type.substring(type.lastIndexOf('/') + 1);
            } catch (IOException e) {
                return "not a problem document";
            }
        }
    }
}
