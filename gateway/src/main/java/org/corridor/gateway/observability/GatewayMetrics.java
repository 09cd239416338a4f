package org.corridor.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.limits.ConcurrencyLimiter;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per route: requests and their latency ({@code gateway_requests_seconds}, a histogram) and the failures of the
 * services behind ({@code gateway_upstream_errors_total}). Tags only take values from small fixed sets.
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    // registering looks the meter up by its whole id: once per route, method and status rather than once per request
    private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String route, String method, int status, long nanos) {
        requestTimers.computeIfAbsent(new RequestKey(route, METHODS.contains(method) ? method : "other", status), key ->
                        Timer.builder("gateway.requests")
                                .description("Requests through the gateway, by route, method and status")
                                .tags("route", key.route(), "method", key.method(), "status", Integer.toString(key.status()))
                                .publishPercentileHistogram()
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The concurrency limit of a service's calls and the calls in flight to it, as they are when scraped. */
    public void concurrency(String service, ConcurrencyLimiter limiter) {
        Gauge.builder("gateway.upstream.concurrency.limit", limiter, ConcurrencyLimiter::limit)
                .description("Calls a service may have in flight at once, as adapted to its latency")
                .tag("service", service)
                .register(registry);
        Gauge.builder("gateway.upstream.in.flight", limiter, ConcurrencyLimiter::inFlight)
                .description("Calls in flight to a service")
                .tag("service", service)
                .register(registry);
    }

    /**
     * @param kind {@code unreachable}, {@code timeout}, {@code circuit-open}, {@code overloaded} (refused at the
     *             service's concurrency limit), or {@code server-error} for a 5xx answer
     */
    public void upstreamError(String route, String kind) {
        Counter.builder("gateway.upstream.errors")
                .description("Calls to a service that failed, answered 5xx, or were refused at its concurrency limit or by its open circuit breaker, by route")
                .tags("route", route, "kind", kind)
                .register(registry)
                .increment();
    }

    private record RequestKey(String route, String method, int status) {
    }
}
