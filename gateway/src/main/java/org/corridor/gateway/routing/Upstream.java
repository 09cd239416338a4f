package org.corridor.gateway.routing;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.corridor.gateway.limits.ConcurrencyLimiter;

import java.time.Duration;

/**
 * One service behind the gateway, with its concurrency limit and its circuit breaker. The limit keeps the calls in
 * flight to what the service answers promptly and refuses the rest at once; the breaker counts only what the service
 * did (calls that cannot connect or time out) and, once there are too many, refuses calls for a while so that callers
 * get a fast answer. A 5xx answer is not counted: the service is there and answering, and the fault may be one
 * request's alone.
 */
public final class Upstream {

    private static final long PROBE_TIMEOUT_MILLIS = 1000;

    private final String service;
    private final SocketAddress address;
    private final SocketAddress management;
    private final HttpClient client;
    private final CircuitBreaker breaker;
    private final ConcurrencyLimiter limiter;
    private final Duration connectTimeout;

    Upstream(String service, SocketAddress address, SocketAddress management, HttpClient client, CircuitBreaker breaker,
             ConcurrencyLimiter limiter, Duration connectTimeout) {
        this.service = service;
        this.address = address;
        this.management = management;
        this.client = client;
        this.breaker = breaker;
        this.limiter = limiter;
        this.connectTimeout = connectTimeout;
    }

    public String service() {
        return service;
    }

    /**
     * Sends a request and relays the service's response to the caller, whatever its status, which it gives. Fails with
     * {@code Overloaded} when the service is at its concurrency limit, with {@code OpenCircuitException} while the
     * breaker is open, or with the connection failure or {@code TimeoutException} that the breaker counted.
     */
    Future<Integer> relay(ProxyRequest request, Duration timeout) {
        return limiter.acquire().compose(permit -> send(request, timeout).transform(answered -> {
            if (answered.failed()) {
                permit.release();
                return Future.failedFuture(answered.cause());
            }
            permit.answered();
            ProxyResponse response = answered.result();
            // the connection, and so the slot, is in use until the answer has gone to the caller
            response.send().onComplete(sent -> permit.release());
            return Future.succeededFuture(response.getStatusCode());
        }));
    }

    private Future<ProxyResponse> send(ProxyRequest request, Duration timeout) {
        // a connection must come within the connect timeout even when the pool is busy, so a slow service cannot queue callers
        var options = new RequestOptions().setServer(address).setConnectTimeout(connectTimeout.toMillis()).setIdleTimeout(timeout.toMillis());
        Promise<ProxyResponse> answer = Promise.promise();
        breaker.<Void>execute(outcome -> client.request(options).compose(request::send).onComplete(result -> {
            answer.handle(result);
            // a call abandoned because its caller went away says nothing about the service
            if (result.failed() && !request.proxiedRequest().response().closed()) {
                outcome.fail(result.cause());
            } else {
                outcome.complete();
            }
        })).onFailure(answer::tryFail);
        return answer.future();
    }

    /**
     * Whether the service says it is ready, asked on its management interface. A failed probe is never counted by the
     * breaker, since it only observes; a ready answer closes an open circuit, since the service demonstrably answers
     * again: otherwise the circuit would wait for a call to try it, and refuse the first calls after a restart although
     * the service is ready.
     */
    public Future<Boolean> ready() {
        return client.request(new RequestOptions().setServer(management).setMethod(HttpMethod.GET).setURI("/q/health/ready")
                        .setConnectTimeout(PROBE_TIMEOUT_MILLIS).setIdleTimeout(PROBE_TIMEOUT_MILLIS))
                .compose(probe -> probe.send())
                .compose(response -> response.body().map(body -> response.statusCode() == 200))
                .otherwise(false)
                .onSuccess(ready -> {
                    if (ready && breaker.state() != CircuitBreakerState.CLOSED) {
                        breaker.reset();
                    }
                });
    }

    public CircuitBreakerState circuit() {
        return breaker.state();
    }

    public ConcurrencyLimiter limiter() {
        return limiter;
    }
}
