package org.corridor.cases.imports.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import org.corridor.cases.imports.service.CaseLines;
import org.corridor.cases.rest.CasePatches;
import org.corridor.platform.problem.Problem;
import org.corridor.platform.problem.ProblemException;
import org.corridor.platform.problem.ProblemMappers;

/**
 * A line of an NDJSON import: a case exactly as {@code POST /api/v1/cases} takes it, plus {@code externalId}. Its
 * problems are those that request would get, from the same mappers.
 */
@ApplicationScoped
public class NdjsonCaseLines implements CaseLines {

    static final String EXTERNAL_ID = "externalId";
    static final int EXTERNAL_ID_LENGTH = 200;

    private final ObjectMapper objectMapper;
    private final CasePatches cases;
    private final ProblemMappers problems = new ProblemMappers();

    public NdjsonCaseLines(ObjectMapper objectMapper, CasePatches cases) {
        this.objectMapper = objectMapper;
        this.cases = cases;
    }

    @Override
    public Line read(String line) {
        try {
            JsonNode node = objectMapper.readTree(line);
            if (!(node instanceof ObjectNode object)) {
                throw ProblemException.badRequest("A line is one case, a JSON object.");
            }
            JsonNode externalId = object.remove(EXTERNAL_ID);
            if (externalId == null || !externalId.isTextual() || externalId.asText().isBlank()
                    || externalId.asText().length() > EXTERNAL_ID_LENGTH) {
                throw ProblemException.invalidField(EXTERNAL_ID,
                        "is required: your own id of the case, a string of 1 to " + EXTERNAL_ID_LENGTH + " characters");
            }
            return Line.of(externalId.asText(), cases.description(object));
        } catch (ProblemException e) {
            return Line.rejected(e.toProblem());
        } catch (ConstraintViolationException e) {
            return rejected(problems.validation(e));
        } catch (WebApplicationException e) {
            return rejected(problems.http(e));
        } catch (InvalidFormatException e) {
            return rejected(problems.unknownValue(e));
        } catch (UnrecognizedPropertyException e) {
            return rejected(problems.unknownField(e));
        } catch (JsonProcessingException e) {
            return rejected(problems.malformedJson(e));
        }
    }

    private static Line rejected(jakarta.ws.rs.core.Response answer) {
        return Line.rejected((Problem) answer.getEntity());
    }
}
