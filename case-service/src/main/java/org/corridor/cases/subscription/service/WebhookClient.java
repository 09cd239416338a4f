package org.corridor.cases.subscription.service;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.subscription.config.SubscriptionConfig;
import org.corridor.cases.subscription.domain.DeliveryError;
import org.corridor.cases.subscription.domain.SigningSecret;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends signed messages to webhooks, each a POST, no redirect followed, answered within the timeout or given up. The
 * connection goes to the address {@link Destinations} checked, while TLS still verifies the URL's host name. Up to
 * {@link SubscriptionConfig#inFlight()} messages to one receiver travel at once, each on a connection of its own.
 */
@ApplicationScoped
public class WebhookClient {

    private final HttpClient http;
    private final Destinations destinations;
    private final Duration timeout;

    public WebhookClient(Vertx vertx, Destinations destinations, SubscriptionConfig config) {
        this.destinations = destinations;
        this.timeout = config.timeout();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true)
                .setMaxPoolSize(config.inFlight())
                // a partner's endpoint is outside: no trace context goes to it, and no span is made per message
                .setTracingPolicy(TracingPolicy.IGNORE));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** How an attempt went: the receiver's status code, or why there was none. */
    public record Attempt(Integer statusCode, DeliveryError error) {

        public boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** Sends a message without waiting for the answer; the attempt completes once it is known (never exceptionally). */
    public CompletableFuture<Attempt> send(URI url, String messageId, String body, SigningSecret secret, Instant now) {
        InetAddress address;
        try {
            address = destinations.resolve(url);
        } catch (Destinations.RefusedDestination refused) {
            return CompletableFuture.completedFuture(new Attempt(null, refused.error()));
        }
        boolean tls = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        var options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery())
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(now.getEpochSecond()))
                .putHeader("webhook-signature", secret.sign(messageId, now, body));
        var request = new AtomicReference<HttpClientRequest>();
        return http.request(options)
                .compose(sending -> {
                    request.set(sending);
                    return sending.send(body);
                })
                .compose(response -> {
                    response.handler(ignored -> {
                    });
                    return response.end().map(ignored -> response.statusCode());
                })
                .toCompletionStage().toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((statusCode, failure) -> {
                    if (failure == null) {
                        return new Attempt(statusCode, null);
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    // Vert.x reports its idle timeout as a TimeoutException too
                    if (cause instanceof TimeoutException) {
                        if (request.get() != null) {
                            request.get().reset(); // a receiver trickling its answer keeps no connection of ours
                        }
                        return new Attempt(null, DeliveryError.TIMEOUT);
                    }
                    return new Attempt(null, DeliveryError.CONNECTION_FAILED);
                });
    }
}
