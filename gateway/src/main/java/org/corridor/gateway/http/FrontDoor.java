package org.corridor.gateway.http;

import io.opentelemetry.api.trace.Span;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.gateway.observability.AccessLog;
import org.corridor.gateway.observability.GatewayMetrics;
import org.corridor.platform.request.RequestIds;
import org.jboss.logging.MDC;

/**
 * What every request goes through first, whatever answers it: a request id (taken or made, in every log line and
 * on the response), the security headers, then an access log line and metrics once it is answered.
 */
@ApplicationScoped
public class FrontDoor {

    /** Before every other handler, Quarkus' CORS filter included, so that even its answers are covered. */
    private static final int ORDER = -10_000;
    /** What the access log and metrics say of a request whose caller hung up before it was answered (as nginx does). */
    private static final int CLIENT_CLOSED_REQUEST = 499;
    /** The route label of a request, set by whoever routes it; metrics and the access log use it. */
    public static final String ROUTE = "corridor.route";

    private final AccessLog accessLog;
    private final GatewayMetrics metrics;

    public FrontDoor(AccessLog accessLog, GatewayMetrics metrics) {
        this.accessLog = accessLog;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::enter);
    }

    private void enter(RoutingContext context) {
        long start = System.nanoTime();
        var request = context.request();
        // Corridor's own id, always: it is what the audit trail and the events record, so a caller cannot choose it;
        // the caller's id is kept beside it (logged, and given back) to find its request by
        String clientReference = RequestIds.clientReference(request.getHeader(RequestIds.HEADER));
        String requestId = RequestIds.create();
        // the services and the gateway's own REST resources take the id from the header
        request.headers().set(RequestIds.HEADER, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        if (clientReference == null) {
            MDC.remove(RequestIds.CLIENT_MDC_KEY);
        } else {
            MDC.put(RequestIds.CLIENT_MDC_KEY, clientReference);
        }
        // the span OpenTelemetry started for this request, continuing the caller's traceparent if it sent one
        String traceId = Span.current().getSpanContext().getTraceId();
        String path = context.normalizedPath();
        context.addHeadersEndHandler(ignored -> {
            SecurityHeaders.apply(path, context.response().headers());
            context.response().headers().set(RequestIds.HEADER, requestId);
            if (clientReference != null) {
                context.response().headers().set(RequestIds.CLIENT_HEADER, clientReference);
            }
        });
        context.addEndHandler(ended -> {
            long nanos = System.nanoTime() - start;
            String route = context.get(ROUTE, labelOf(path));
            int status = ended.succeeded() ? context.response().getStatusCode() : CLIENT_CLOSED_REQUEST;
            metrics.request(route, request.method().name(), status, nanos);
            accessLog.log(request.method().name(), route, status, nanos, requestId, clientReference, traceId);
        });
        context.next();
    }

    private static String labelOf(String path) {
        if (path.startsWith("/admin/")) {
            return "admin";
        }
        if (path.startsWith("/q/")) {
            return "management";
        }
        return path.equals("/openapi") ? "openapi" : "other";
    }
}
