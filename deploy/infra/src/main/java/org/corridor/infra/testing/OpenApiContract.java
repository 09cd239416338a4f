package org.corridor.infra.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A committed OpenAPI 3.1 contract, used to check what a service really answers: the operation a request reaches (by
 * method and path template), whether the answer's status and media type are declared for it, and whether its body
 * validates against the declared schema (JSON Schema 2020-12, with the document's {@code $ref}s). A problem answered
 * outside every operation (an unknown path, a refused credential) is checked against the {@code Problem} schema.
 */
public final class OpenApiContract {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final String API_PREFIX = "/api/";
    private static final String PROBLEM_SCHEMA = "/components/schemas/Problem";
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]+}");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> DOCUMENT_FIELDS = List.of("openapi", "info", "jsonSchemaDialect", "servers",
            "paths", "webhooks", "components", "security", "tags", "externalDocs");
    private static final String CONTRACTS = "https://contracts.corridor.test/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final JsonNode document;
    private final JsonSchemaFactory schemas;
    private final SchemaValidatorsConfig validation;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    /** Each path template's segments as patterns, made once: every answer checked is matched against them all. */
    private final Map<String, List<Pattern>> templates = new LinkedHashMap<>();

    private OpenApiContract(String name, String text) throws JsonProcessingException {
        this.name = name;
        this.document = JSON.readTree(text);
        document.path("paths").fieldNames().forEachRemaining(template -> templates.put(template,
                Arrays.stream(template.split("/", -1)).map(OpenApiContract::segmentPattern).toList()));
        String iri = CONTRACTS + name;
        // the schemas are read in place, so the document's own fields are known to the dialect as nothing to validate
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .keywords(DOCUMENT_FIELDS.stream().map(NonValidationKeyword::new).toList())
                .build();
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(dialect)
                .defaultMetaSchemaIri(dialect.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(iri, text))));
        this.validation = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
    }

    public static OpenApiContract load(Path file) throws IOException {
        return new OpenApiContract(file.getFileName().toString(), Files.readString(file));
    }

    /**
     * Where an application's contract is committed: the gateway merges the services' files into the one published
     * contract, which partners and the Java client use.
     */
    public static Path committedFor(String application) {
        return application.equals("gateway")
                ? Path.of("..", "docs", "api", "corridor.openapi.json")
                : Path.of("..", "gateway", "src", "main", "resources", "META-INF", "openapi", application + ".json");
    }

    /**
     * How an answer breaks the contract; empty when it conforms. {@code contentType} may be null (no body) and
     * {@code body} empty.
     */
    public List<String> violations(String method, URI request, int status, String contentType, String body) {
        String path = request.getRawPath();
        Optional<String> template = template(method, path);
        String operation = method.toUpperCase(Locale.ROOT) + " " + template.orElse(path);
        String mediaType = contentType == null || contentType.isBlank() ? null
                : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        List<String> violations = new ArrayList<>();
        if (template.isEmpty()) {
            if (path.startsWith(API_PREFIX) && !(status >= 400 && status < 500 && PROBLEM_JSON.equals(mediaType))) {
                violations.add(operation + " is not in " + name + ", yet answered " + status + " " + mediaType
                        + " instead of a 4xx problem");
            } else if (PROBLEM_JSON.equals(mediaType)) {
                violations.addAll(schemaViolations(operation, status, PROBLEM_SCHEMA, body));
            }
            return violations;
        }
        JsonNode responses = operationNode(template.get(), method).path("responses");
        String declaredStatus = declaredStatus(responses, status);
        if (declaredStatus == null) {
            violations.add(operation + " answered " + status + ", which " + name + " does not declare (declared: "
                    + fieldNames(responses) + ")");
            return violations;
        }
        JsonNode content = responses.path(declaredStatus).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (mediaType != null || !body.isEmpty()) {
                violations.add(operation + " answered " + status + " with a body (" + mediaType + "), which "
                        + name + " declares without one");
            }
            return violations;
        }
        if (mediaType == null || !content.has(mediaType)) {
            violations.add(operation + " answered " + status + " as " + mediaType + ", which " + name
                    + " does not declare (declared: " + fieldNames(content) + ")");
            return violations;
        }
        if (isJson(mediaType) && content.path(mediaType).has("schema")) {
            String pointer = "/paths/" + escape(template.get()) + "/" + method.toLowerCase(Locale.ROOT)
                    + "/responses/" + escape(declaredStatus) + "/content/" + escape(mediaType) + "/schema";
            violations.addAll(schemaViolations(operation, status, pointer, body));
        }
        return violations;
    }

    private List<String> schemaViolations(String operation, int status, String schemaPointer, String body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(operation + " answered " + status + " with a body that is not JSON: " + e.getOriginalMessage());
        }
        if (answer == null || answer.isMissingNode()) {
            return List.of(operation + " answered " + status + " with an empty body where " + name + " declares one");
        }
        JsonSchema schema = compiled.computeIfAbsent(schemaPointer,
                pointer -> schemas.getSchema(SchemaLocation.of(CONTRACTS + name + "#" + pointer), validation));
        return schema.validate(answer).stream()
                .map(message -> operation + " answered " + status + ": at " + pointerOf(message.getInstanceLocation().toString())
                        + " " + message.getError() + " (schema " + message.getSchemaLocation().getFragment() + ")")
                .sorted()
                .toList();
    }

    /**
     * The path template of the operation a request reaches; a literal segment beats one with a parameter in it
     * ({@code {report}.csv}), which beats a parameter alone.
     */
    private Optional<String> template(String method, String path) {
        String[] segments = path.split("/", -1);
        List<String> matches = new ArrayList<>();
        templates.forEach((template, patterns) -> {
            if (patterns.size() != segments.length || !operationNode(template, method).isObject()) {
                return;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!patterns.get(i).matcher(segments[i]).matches()) {
                    return;
                }
            }
            matches.add(template);
        });
        return matches.stream().max(Comparator.comparingLong(template -> Arrays.stream(template.split("/"))
                .mapToLong(segment -> !segment.contains("{") ? 2 : segment.startsWith("{") && segment.endsWith("}") ? 0 : 1)
                .sum()));
    }

    /** A template's segment as a pattern: each {@code {parameter}} stands for one or more characters. */
    private static Pattern segmentPattern(String templateSegment) {
        StringBuilder pattern = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(templateSegment);
        int literalFrom = 0;
        while (parameter.find()) {
            pattern.append(Pattern.quote(templateSegment.substring(literalFrom, parameter.start()))).append("[^/]+");
            literalFrom = parameter.end();
        }
        return Pattern.compile(pattern.append(Pattern.quote(templateSegment.substring(literalFrom))).toString());
    }

    private JsonNode operationNode(String template, String method) {
        String key = method.toLowerCase(Locale.ROOT);
        return METHODS.contains(key) ? document.path("paths").path(template).path(key) : JSON.missingNode();
    }

    private static String declaredStatus(JsonNode responses, int status) {
        String exact = Integer.toString(status);
        String range = status / 100 + "XX";
        return responses.has(exact) ? exact : responses.has(range) ? range : responses.has("default") ? "default" : null;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String escape(String pointerSegment) {
        return pointerSegment.replace("~", "~0").replace("/", "~1");
    }

    private static String pointerOf(String instanceLocation) {
        return instanceLocation.isEmpty() ? "/" : instanceLocation;
    }
}
