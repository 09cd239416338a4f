package org.corridor.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.corridor.platform.events.InfrastructureFailures;
import org.corridor.platform.json.KebabCaseEnums;
import org.corridor.platform.request.RequestIds;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every error of every service becomes an RFC 9457 problem; none carries a stack trace or the request's data. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        if (exception.retryAfterSeconds() == null) {
            return response(exception.toProblem());
        }
        return Response.fromResponse(response(exception.toProblem()))
                .header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds().toString()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return response(Problem.of(400, "validation", "Invalid request", "Some fields are invalid.", errors));
    }

    @ServerExceptionMapper
    public Response unknownValue(InvalidFormatException exception) {
        String field = pathOf(exception);
        Class<?> target = exception.getTargetType();
        String message = target != null && target.isEnum()
                ? "is not one of " + KebabCaseEnums.allowedCodes(target)
                : "does not have the expected format (" + (target == null ? "value" : target.getSimpleName()) + ")";
        return response(Problem.of(400, "validation", "Invalid request", "A field is invalid.",
                List.of(new Problem.FieldError(field, message))));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException exception) {
        return response(Problem.of(400, "validation", "Invalid request", "The body has a field this resource does not know.",
                List.of(new Problem.FieldError(pathOf(exception), "is not a known field"))));
    }

    /** Also named for its own type: the framework's mapper of it (a bare 400) would otherwise come first. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException exception) {
        return mismatchedJson(exception);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(JsonMappingException exception) {
        if (exception.getCause() instanceof StreamReadException || exception.getMessage().contains("end-of-input")) {
            return malformedJson(exception);
        }
        return response(Problem.of(400, "validation", "Invalid request", "A field has the wrong type or shape.",
                List.of(new Problem.FieldError(pathOf(exception), "has the wrong type or shape"))));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException exception) {
        return response(Problem.of(400, "malformed-body", "Malformed body", "The request body is not well-formed JSON.", null));
    }

    /** Two writers raced on the same revision: the loser re-reads, as with a stale If-Match. */
    @ServerExceptionMapper
    public Response concurrentUpdate(jakarta.persistence.OptimisticLockException exception) {
        return response(ProblemException.preconditionFailed().toProblem());
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException exception) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException exception) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return response(Problem.of(403, "forbidden", "Forbidden", "Your roles do not allow this.", null));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        // the framework wraps body-reading failures; answer them as if they had reached their own mapper
        switch (exception.getCause()) {
            case InvalidFormatException invalid -> {
                return unknownValue(invalid);
            }
            case JsonMappingException mismatched -> {
                return mismatchedJson(mismatched);
            }
            case JsonProcessingException malformed -> {
                return malformedJson(malformed);
            }
            case null, default -> {
            }
        }
        if (status >= 500) {
            return unexpected(exception);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request failed" : type.getReasonPhrase();
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, slugOf(title), title, detailFor(status), null));
        String allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception) {
        // Messages can quote stored values, so only the exception types reach the log.
        if (InfrastructureFailures.transientCause(exception)) {
            LOG.warnf("database unavailable: %s (request %s)", causeChain(exception), RequestIds.current());
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, "1")
                    .entity(Problem.of(503, "service-unavailable", "Service Unavailable", "The service cannot reach its database "
                            + "right now. Retry shortly; a creation sent again with the same Idempotency-Key is made once.",
                            null))
                    .build();
        }
        LOG.errorf("unhandled %s (request %s)", causeChain(exception), RequestIds.current());
        return response(Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side; nothing was changed. Quote the request id when you report it.", null));
    }

    public static Response unauthorized() {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "unauthorized", "Unauthorized", "Valid credentials are required.", null))
                .build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "There is no resource at this path.";
            case 405 -> "This resource does not support this method.";
            case 406 -> "This resource cannot answer in the media type asked for.";
            case 415 -> "This resource does not accept this media type.";
            case 413 -> "The request body is too large.";
            default -> "The request cannot be served.";
        };
    }

    private static String slugOf(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static String pathOf(JsonMappingException exception) {
        String path = exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    /**
     * A violation's path as the caller knows it: {@code create.body.members[0].alias} becomes {@code members[0].alias},
     * and a query parameter {@code list.limit} becomes {@code limit}.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        int skip = 0;
        if (!nodes.isEmpty() && nodes.get(0).getKind() == ElementKind.METHOD) {
            skip = 1;
            if (nodes.size() > 2 && nodes.get(1).getKind() == ElementKind.PARAMETER) {
                skip = 2;
            }
        }
        String path = violation.getPropertyPath().toString();
        for (int i = 0; i < skip; i++) {
            int dot = path.indexOf('.');
            path = dot < 0 ? path : path.substring(dot + 1);
        }
        return path.isEmpty() ? "body" : path;
    }

    private static String causeChain(Throwable exception) {
        StringBuilder chain = new StringBuilder(exception.getClass().getName());
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }
}
