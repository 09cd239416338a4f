package org.corridor.gateway.routing;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.gateway.config.GatewayConfig;
import org.corridor.gateway.http.FrontDoor;
import org.corridor.gateway.http.ProblemResponses;
import org.corridor.gateway.identity.Authenticator;
import org.corridor.gateway.identity.Identity;
import org.corridor.gateway.limits.ConcurrencyLimiter;
import org.corridor.gateway.limits.RateLimiter;
import org.corridor.gateway.observability.GatewayMetrics;
import org.corridor.gateway.token.InternalTokenIssuer;
import org.corridor.platform.problem.Problem;
import org.corridor.platform.problem.ProblemException;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Forwards {@code /api/} requests to the owning service. In order: authenticate (401/403), take from the caller's
 * rate limit (429), find the route (404), read the body within its limit (413; a streamed route's body is not read but
 * passed on as it arrives, within a larger limit), then call the service with an
 * internal token instead of the caller's credentials, within the route's timeout (504) unless it is at its
 * concurrency limit, its circuit is open or it cannot be reached (503). Every refusal is a problem document, answered without calling a service.
 */
@ApplicationScoped
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final int ORDER = -100;
    private static final String IDENTITY = "corridor.identity";
    private static final String TARGET = "corridor.target";
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final InternalTokenIssuer tokens;
    private final RouteTable routes;
    private final Upstreams upstreams;
    private final ProblemResponses problems;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;

    public ApiProxy(Authenticator authenticator, RateLimiter rateLimiter, InternalTokenIssuer tokens, Upstreams upstreams,
                    ProblemResponses problems, GatewayMetrics metrics, GatewayConfig config) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.tokens = tokens;
        this.routes = new RouteTable(config.timeouts());
        this.upstreams = upstreams;
        this.problems = problems;
        this.metrics = metrics;
        this.config = config;
    }

    void register(@Observes Router router) {
        // three routes, because Vert.x wants a body handler first on its route and the caller is known before any body is read
        router.route("/api/*").order(ORDER).handler(this::admit).failureHandler(this::failed);
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.bodyLimit().asLongValue());
        router.route("/api/*").order(ORDER + 1).handler(context -> {
            if (context.<Route>get(TARGET).streamed()) {
                admitStream(context);
            } else {
                bodies.handle(context);
            }
        });
        router.route("/api/*").order(ORDER + 2).handler(this::forward);
    }

    private void admit(RoutingContext context) {
        var request = context.request();
        // nothing of the body may be lost while the caller is being authenticated
        request.pause();
        Optional<Route> route = routes.routeFor(context.normalizedPath());
        context.put(FrontDoor.ROUTE, route.map(Route::name).orElse("unknown"));
        authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)).onComplete(authenticated -> {
            if (authenticated.failed()) {
                refuse(context, authenticated.cause());
                return;
            }
            Identity identity = authenticated.result();
            RateLimiter.Decision limit = rateLimiter.acquire(identity.subject());
            context.response().putHeader("RateLimit-Policy", rateLimiter.policy()).putHeader("RateLimit", limit.header());
            if (!limit.allowed()) {
                problems.send(context, Problem.of(429, "too-many-requests", "Too Many Requests",
                        "This caller's rate limit is used up; retry after the time in Retry-After.", null),
                        Map.of("Retry-After", Long.toString(limit.retryAfter())));
                return;
            }
            if (route.isEmpty()) {
                problems.send(context, ProblemException.notFound("The resource").toProblem(), Map.of());
                return;
            }
            context.put(IDENTITY, identity);
            context.put(TARGET, route.get());
            context.next();
        });
    }

    /** A body that streams is not read here: only a declared length beyond the streamed limit is refused at once. */
    private void admitStream(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && Long.parseLong(length) > config.streamedBodyLimit().asLongValue()) {
            context.fail(413);
        } else {
            context.next();
        }
    }

    private void forward(RoutingContext context) {
        Route route = context.get(TARGET);
        Identity identity = context.get(IDENTITY);
        var request = context.request();
        ProxyRequest proxied = ProxyRequest.reverseProxy(request);
        if (route.streamed()) {
            // the body goes on to the service as it arrives, never held here; past the limit its connection is closed
            long limit = config.streamedBodyLimit().asLongValue();
            long length = request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                    ? Long.parseLong(request.getHeader(HttpHeaders.CONTENT_LENGTH)) : -1;
            proxied.setBody(Body.body(new CappedStream(request, limit, () -> request.connection().close()), length));
        } else {
            Buffer body = context.body().buffer();
            proxied.setBody(body == null || body.length() == 0 ? null : Body.body(body));
        }
        // the service sees the path the gateway routed on, never a variant it would resolve differently
        proxied.setURI(request.query() == null ? context.normalizedPath() : context.normalizedPath() + "?" + request.query());
        proxied.headers()
                .set(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.tokenFor(identity))
                .remove(HttpHeaders.COOKIE)
                // the HTTP client adds the trace context of the gateway's own span, a child of the caller's
                .remove(TRACEPARENT)
                .remove(TRACESTATE);
        Upstream upstream = upstreams.of(route.service());
        upstream.relay(proxied, route.timeout()).onComplete(relayed -> {
            if (relayed.succeeded()) {
                if (relayed.result() >= 500) {
                    metrics.upstreamError(route.name(), "server-error");
                }
            } else if (!context.response().closed()) {
                unavailable(context, route, upstream, relayed.cause());
            }
        });
    }

    private void unavailable(RoutingContext context, Route route, Upstream upstream, Throwable failure) {
        String retryAfter = Long.toString(Math.max(1, config.circuitBreaker().openFor().toSeconds()));
        if (failure instanceof ConcurrencyLimiter.Overloaded) {
            metrics.upstreamError(route.name(), "overloaded");
            // a slot frees within one call's time; a second is the least Retry-After can say
            problems.send(context, Problem.of(503, "overloaded", "Service Unavailable",
                    "The service behind this path is answering as many calls as it can; retry after the time in Retry-After.", null),
                    Map.of("Retry-After", "1"));
        } else if (failure instanceof OpenCircuitException) {
            metrics.upstreamError(route.name(), "circuit-open");
            problems.send(context, Problem.of(503, "service-unavailable", "Service Unavailable",
                    "The service behind this path is failing, so the gateway holds calls to it for a while; retry later.", null),
                    Map.of("Retry-After", retryAfter));
        } else if (failure instanceof TimeoutException) {
            metrics.upstreamError(route.name(), "timeout");
            LOG.warnf("%s did not answer %s within %s", upstream.service(), route.name(), route.timeout());
            problems.send(context, Problem.of(504, "gateway-timeout", "Gateway Timeout",
                    "The service behind this path did not answer in time; it may or may not have acted on the request.", null),
                    Map.of());
        } else {
            metrics.upstreamError(route.name(), "unreachable");
            LOG.warnf("%s is not reachable for %s (%s)", upstream.service(), route.name(), failure.getClass().getSimpleName());
            problems.send(context, Problem.of(503, "service-unavailable", "Service Unavailable",
                    "The service behind this path is not reachable; retry later.", null),
                    Map.of("Retry-After", retryAfter));
        }
    }

    private void refuse(RoutingContext context, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            problems.send(context, problem.toProblem(),
                    problem.status() == 401 ? Map.of("WWW-Authenticate", authenticator.challenge()) : Map.of());
        } else {
            context.fail(failure);
        }
    }

    private void failed(RoutingContext context) {
        if (context.response().headWritten()) {
            context.response().close();
            return;
        }
        if (context.statusCode() == 413) {
            Route route = context.get(TARGET);
            long limit = route != null && route.streamed() ? config.streamedBodyLimit().asLongValue() : config.bodyLimit().asLongValue();
            problems.send(context, Problem.of(413, "payload-too-large", "Payload Too Large",
                    "The request body is larger than the gateway accepts (" + limit + " bytes).", null),
                    Map.of());
            return;
        }
        LOG.errorf("gateway failure on %s (%s)", context.get(FrontDoor.ROUTE, "unknown"),
                context.failure() == null ? "status " + context.statusCode() : context.failure().getClass().getName());
        problems.send(context, Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side. Quote the request id when you report it.", null), Map.of());
    }
}
