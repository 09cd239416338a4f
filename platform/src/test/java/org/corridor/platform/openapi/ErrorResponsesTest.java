package org.corridor.platform.openapi;

import org.corridor.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ErrorResponsesTest {

    private final ErrorResponses filter = new ErrorResponses();

    @Test
    void theProblemSchemasDocumentTheRecordsThatTravel() {
        assertEquals(componentsOf(Problem.class), ErrorResponses.problemSchema().getProperties().keySet());
        assertEquals(componentsOf(Problem.FieldError.class), ErrorResponses.fieldErrorSchema().getProperties().keySet());
    }

    @Test
    void anOperationWithInputCanBeRefusedAndEveryErrorIsAProblem() {
        Operation operation = OASFactory.createOperation()
                .addParameter(OASFactory.createParameter().name("limit").in(Parameter.In.QUERY))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The page."))
                        .addAPIResponse("401", OASFactory.createAPIResponse().description("Not Authorized"))
                        .addAPIResponse("409", OASFactory.createAPIResponse().description("The case is final.")));

        filter.filterOperation(operation);

        var responses = operation.getResponses().getAPIResponses();
        assertEquals(Set.of("200", "400", "401", "409"), responses.keySet());
        assertNull(responses.get("200").getContent());
        for (String status : Set.of("400", "401", "409")) {
            Schema schema = responses.get(status).getContent().getMediaType(Problem.MEDIA_TYPE).getSchema();
            assertEquals("#/components/schemas/" + ErrorResponses.PROBLEM, schema.getRef());
        }
        assertEquals("Credentials are missing, unknown, expired or revoked.", responses.get("401").getDescription());
        assertEquals("The case is final.", responses.get("409").getDescription());
    }

    @Test
    void anOperationWithABodyCanBeRefusedForItsMediaType() {
        Operation operation = OASFactory.createOperation()
                .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType())))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("201", OASFactory.createAPIResponse().description("Created.")));

        filter.filterOperation(operation);

        var responses = operation.getResponses().getAPIResponses();
        assertEquals(Set.of("201", "400", "415"), responses.keySet());
        assertEquals(ErrorResponses.UNSUPPORTED_MEDIA_TYPE, responses.get("415").getDescription());
        assertEquals("#/components/schemas/" + ErrorResponses.PROBLEM,
                responses.get("415").getContent().getMediaType(Problem.MEDIA_TYPE).getSchema().getRef());
    }

    @Test
    void anOperationWithoutInputIsNotSaidToBeRefusedForIt() {
        Operation operation = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("The countries.")));

        filter.filterOperation(operation);

        assertFalse(operation.getResponses().hasAPIResponse("400"));
    }

    private static Set<String> componentsOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }
}
