package org.corridor.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Declares every property of a schema that only answers carry as required: Jackson writes every field of a view, null
 * or not, so a generated client can count on each one being there (a nullable one may be null). A schema that
 * requests use too keeps what its annotations say, since a request may leave optional fields out, and so does a
 * schema that names its required properties itself (a view with a field written only sometimes).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class AnsweredFieldsRequired implements OASFilter {

    private static final String COMPONENT_PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null || openAPI.getPaths() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents().getSchemas();
        Set<String> answered = new HashSet<>();
        Set<String> asked = new HashSet<>();
        openAPI.getPaths().getPathItems().values().stream()
                .flatMap(path -> path.getOperations().values().stream())
                .forEach(operation -> {
                    requestSchemas(operation).forEach(schema -> reach(schema, components, asked));
                    responseSchemas(operation).forEach(schema -> reach(schema, components, answered));
                });
        answered.removeAll(asked);
        for (String name : answered) {
            Schema schema = components.get(name);
            if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            }
        }
    }

    private static Stream<Schema> requestSchemas(Operation operation) {
        Stream<Schema> parameters = operation.getParameters() == null ? Stream.empty()
                : operation.getParameters().stream().map(parameter -> parameter.getSchema());
        Stream<Schema> body = operation.getRequestBody() == null ? Stream.empty()
                : schemasOf(operation.getRequestBody().getContent());
        return Stream.concat(parameters, body);
    }

    private static Stream<Schema> responseSchemas(Operation operation) {
        return operation.getResponses() == null ? Stream.empty()
                : operation.getResponses().getAPIResponses().values().stream().flatMap(response -> schemasOf(response.getContent()));
    }

    private static Stream<Schema> schemasOf(Content content) {
        return content == null || content.getMediaTypes() == null ? Stream.empty()
                : content.getMediaTypes().values().stream().map(mediaType -> mediaType.getSchema());
    }

    /** Adds the names of the component schemas a schema refers to, directly or through others. */
    private static void reach(Schema schema, Map<String, Schema> components, Set<String> reached) {
        if (schema == null) {
            return;
        }
        String ref = schema.getRef();
        if (ref != null && ref.startsWith(COMPONENT_PREFIX)) {
            String name = ref.substring(COMPONENT_PREFIX.length());
            if (reached.add(name)) {
                reach(components.get(name), components, reached);
            }
        }
        List<Schema> inner = new ArrayList<>();
        if (schema.getProperties() != null) {
            inner.addAll(schema.getProperties().values());
        }
        Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
                .filter(list -> list != null)
                .forEach(inner::addAll);
        inner.add(schema.getItems());
        inner.add(schema.getAdditionalPropertiesSchema());
        inner.add(schema.getNot());
        inner.forEach(each -> reach(each, components, reached));
    }
}
