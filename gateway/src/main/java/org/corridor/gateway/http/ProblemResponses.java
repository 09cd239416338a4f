package org.corridor.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.problem.Problem;

import java.util.Map;

/** Answers a request on the gateway's own routes with a problem document, as the services' problem mappers do. */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper objectMapper;

    public ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public void send(RoutingContext context, Problem problem, Map<String, String> headers) {
        var request = context.request();
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        if (!request.isEnded() && hasBody(request.headers().get(HttpHeaders.CONTENT_LENGTH), request.headers().contains(HttpHeaders.TRANSFER_ENCODING))) {
            // a refused request's body is never read: the connection goes with it
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        request.resume();
        response.end(json(problem));
    }

    private static boolean hasBody(String contentLength, boolean chunked) {
        return chunked || (contentLength != null && !contentLength.equals("0"));
    }

    private String json(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always serialisable", e);
        }
    }
}
