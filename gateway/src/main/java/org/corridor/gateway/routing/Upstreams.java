package org.corridor.gateway.routing;

import io.quarkus.runtime.Startup;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.config.GatewayConfig;
import org.corridor.gateway.limits.ConcurrencyLimiter;
import org.corridor.gateway.observability.GatewayMetrics;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The services behind the gateway, sharing one pooled HTTP client; made at start, so a bad limit stops the gateway there. */
@Startup
@ApplicationScoped
public class Upstreams {

    private final Map<String, Upstream> byService = new LinkedHashMap<>();

    public Upstreams(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                // per service: a connection for each call the limit lets through and two to spare, so no admitted call
                // waits for one (readiness probes go to the management port, a pool of their own)
                .setMaxPoolSize(config.concurrency().maxLimit() + 2)
                .setKeepAlive(true)
                .setConnectTimeout((int) config.timeouts().connect().toMillis()));
        GatewayConfig.CircuitBreaker breaker = config.circuitBreaker();
        var options = new CircuitBreakerOptions()
                .setMaxFailures(breaker.failures())
                .setFailuresRollingWindow(breaker.window().toMillis())
                .setResetTimeout(breaker.openFor().toMillis())
                // the route's own timeout governs; the breaker only counts
                .setTimeout(-1)
                .setNotificationAddress(null);
        GatewayConfig.Upstreams urls = config.upstreams();
        GatewayConfig.Upstreams.Management management = urls.management();
        Map.of(RouteTable.CASE_SERVICE, new Origins(urls.caseService(), management.caseService()),
                        RouteTable.POLICY_SERVICE, new Origins(urls.policyService(), management.policyService()),
                        RouteTable.REPORT_SERVICE, new Origins(urls.reportService(), management.reportService()))
                .entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(service -> {
                    var limiter = new ConcurrencyLimiter(vertx, config.concurrency());
                    metrics.concurrency(service.getKey(), limiter);
                    byService.put(service.getKey(), new Upstream(service.getKey(), address(service.getValue().api()),
                            address(service.getValue().management()), client,
                            CircuitBreaker.create(service.getKey(), vertx, new CircuitBreakerOptions(options)),
                            limiter, config.timeouts().connect()));
                });
    }

    /** Where a service's API is, and where its management interface (health) is. */
    private record Origins(String api, String management) {
    }

    private static SocketAddress address(String url) {
        URI origin = URI.create(url);
        return SocketAddress.inetSocketAddress(origin.getPort(), origin.getHost());
    }

    public Upstream of(String service) {
        return byService.get(service);
    }

    public Collection<Upstream> all() {
        return byService.values();
    }
}
