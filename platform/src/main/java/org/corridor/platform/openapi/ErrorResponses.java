package org.corridor.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.corridor.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents every error response as what {@code ProblemMappers} answers: an RFC 9457 problem. An operation that takes
 * parameters or a body can always be refused with a 400, and one that takes a body with a 415; the other error
 * statuses are declared where they can happen, and those without a body of their own get the {@code Problem} schema here.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ErrorResponses implements OASFilter {

    public static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String BAD_REQUEST = "The request is malformed, or a parameter or field breaks a rule (unknown value, "
            + "wrong format, out of range): the problem's `errors` name each field and the rule.";
    static final String UNSUPPORTED_MEDIA_TYPE = "The request's `Content-Type` is not one this operation takes (see its "
            + "request body).";
    static final String NOT_ACCEPTABLE = "None of the media types the request accepts (its `Accept`, or the format "
            + "it asks for) is one this operation answers in.";
    /** Quarkus documents a secured operation's 401 and 403 in these words; say what they mean here. */
    private static final Map<String, String> SECURITY_RESPONSES = Map.of(
            "Not Authorized", "Credentials are missing, unknown, expired or revoked.",
            "Not Allowed", "Your roles do not allow this.");

    /** An error response with a problem body. */
    public static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(problemContent());
    }

    @Override
    public Operation filterOperation(Operation operation) {
        var responses = operation.getResponses();
        if (responses == null) {
            return operation;
        }
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput && !responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", problem(BAD_REQUEST));
        }
        if (operation.getRequestBody() != null && !responses.hasAPIResponse("415")) {
            responses.addAPIResponse("415", problem(UNSUPPORTED_MEDIA_TYPE));
        }
        if (answersInSeveralMediaTypes(responses) && !responses.hasAPIResponse("406")) {
            responses.addAPIResponse("406", problem(NOT_ACCEPTABLE));
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (isError(status) && response.getRef() == null && response.getContent() == null) {
                response.setContent(problemContent());
            }
            response.setDescription(SECURITY_RESPONSES.getOrDefault(response.getDescription(), response.getDescription()));
        });
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(PROBLEM)) {
            components.addSchema(PROBLEM, problemSchema());
            components.addSchema(FIELD_ERROR, fieldErrorSchema());
        }
    }

    /** An operation that answers in one of several media types refuses a request that accepts none of them. */
    private static boolean answersInSeveralMediaTypes(APIResponses responses) {
        return responses.getAPIResponses().entrySet().stream()
                .anyMatch(response -> response.getKey().startsWith("2") && response.getValue().getContent() != null
                        && response.getValue().getContent().getMediaTypes().size() > 1);
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    /** {@link Problem} as it travels. */
    static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem: why a request was refused. It never repeats the request's values: "
                        + "`detail` and `errors` name fields and rules.")
                .required(List.of("type", "title", "status"))
                .addProperty("type", string("uri", "What kind of problem this is; one URI per kind, stable, to branch on."))
                .addProperty("title", string(null, "The kind of problem in words; the same for every problem of a type."))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code."))
                .addProperty("detail", string(null, "What went wrong with this request, for a person to read."))
                .addProperty("requestId", string(null, "The request's X-Request-Id: quote it when you report a problem."))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("Each invalid field, on a 400 that is about fields.")
                        .items(OASFactory.createSchema().ref(FIELD_ERROR)))
                .addExample(problemExample());
    }

    /** In a fixed order, so the contract reads the same at every build. */
    private static Map<String, Object> problemExample() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://corridor.example/problems/validation");
        example.put("title", "Invalid request");
        example.put("status", 400);
        example.put("detail", "A field is invalid.");
        example.put("requestId", "3f1c2a9e-4b7d-4c1e-9a53-0d6e8f2b7c41");
        Map<String, Object> fieldError = new LinkedHashMap<>();
        fieldError.put("field", "members[0].ageBand");
        fieldError.put("message", "is not one of 0-4, 5-11, 12-17, 18-59, 60+");
        example.put("errors", List.of(fieldError));
        return example;
    }

    static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("One invalid field of the body or query.")
                .required(List.of("field", "message"))
                .addProperty("field", string(null, "Where the field is: `members[0].alias`, `limit`, `Idempotency-Key`."))
                .addProperty("message", string(null, "The rule the field breaks."));
    }

    private static Schema string(String format, String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).format(format).description(description);
    }
}
