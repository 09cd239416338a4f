package org.corridor.cases.subscription.service;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one signed message to a webhook: POST, no redirect followed, answered within the timeout or given up. The
 * connection goes to the address {@link Destinations} checked, while TLS still verifies the URL's host name.
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
                .setMaxPoolSize(config.concurrency()));
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

    public Attempt send(URI url, String messageId, String body, SigningSecret secret, Instant now) {
        InetAddress address;
        try {
            address = destinations.resolve(url);
        } catch (Destinations.RefusedDestination refused) {
            return new Attempt(null, refused.error());
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
        var answered = http.request(options)
                .compose(sending -> {
                    request.set(sending);
                    return sending.send(body);
                })
                .compose(response -> {
                    response.handler(ignored -> {
                    });
                    return response.end().map(ignored -> response.statusCode());
                })
                .toCompletionStage().toCompletableFuture();
        try {
            return new Attempt(answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            if (request.get() != null) {
                request.get().reset(); // a receiver trickling its answer keeps no connection of ours
            }
            return new Attempt(null, DeliveryError.TIMEOUT);
        } catch (ExecutionException e) {
            // Vert.x reports its idle timeout as a TimeoutException
            return new Attempt(null, e.getCause() instanceof TimeoutException ? DeliveryError.TIMEOUT : DeliveryError.CONNECTION_FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(null, DeliveryError.CONNECTION_FAILED);
        }
    }
}
