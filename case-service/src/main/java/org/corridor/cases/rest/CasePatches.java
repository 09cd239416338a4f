package org.corridor.cases.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import org.corridor.cases.domain.CaseDescription;
import org.corridor.platform.problem.ProblemException;

import java.util.function.UnaryOperator;

/** JSON merge patches (RFC 7396) of a case as it was written; the result must be a valid case, as when opening one. */
@ApplicationScoped
public class CasePatches {

    private final ObjectMapper objectMapper;
    private final Validator validator;

    public CasePatches(ObjectMapper objectMapper, Validator validator) {
        this.objectMapper = objectMapper;
        this.validator = validator;
    }

    /** The edit a patch makes: a 400 problem when the patch is not an object or its result not a valid case. */
    public UnaryOperator<CaseDescription> edit(JsonNode patch) {
        return current -> {
            if (!patch.isObject()) {
                throw ProblemException.badRequest("A merge patch is a JSON object.");
            }
            return description(mergePatch(objectMapper.valueToTree(CaseMapper.request(current)), patch));
        };
    }

    /** The case a JSON object describes, as opening one takes it: a 400 problem when it is not a valid case. */
    public CaseDescription description(JsonNode body) {
        CaseRequest request;
        try {
            request = objectMapper.treeToValue(body, CaseRequest.class);
        } catch (JsonProcessingException e) {
            throw new BadRequestException(e);
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return CaseMapper.description(request);
    }

    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
        patch.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }
}
