package org.corridor.gateway.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.routing.Upstream;
import org.corridor.gateway.routing.Upstreams;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.List;

/**
 * Whether each service behind the gateway is ready (asked directly, past its concurrency limit and circuit breaker, so
 * a busy or refused service is still seen as it is), the state of its circuit breaker and its concurrency limit, at
 * {@code /q/health/group/upstreams}. Deliberately not part of the gateway's readiness: one service down must not take
 * the gateway, and with it every other service, out of the load balancer.
 */
@HealthGroup("upstreams")
@ApplicationScoped
public class UpstreamsHealthCheck implements AsyncHealthCheck {

    private final Upstreams upstreams;

    public UpstreamsHealthCheck(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Upstream> all = List.copyOf(upstreams.all());
        List<Future<Boolean>> probes = all.stream().map(Upstream::ready).toList();
        return Uni.createFrom().completionStage(Future.join(probes).toCompletionStage()).map(ignored -> {
            var response = HealthCheckResponse.named("upstreams").up();
            for (int i = 0; i < all.size(); i++) {
                boolean ready = probes.get(i).result();
                Upstream upstream = all.get(i);
                response.withData(upstream.service(), ready ? "UP" : "DOWN")
                        .withData(upstream.service() + " circuit", upstream.circuit().name().toLowerCase())
                        .withData(upstream.service() + " concurrency limit", upstream.limiter().limit())
                        .withData(upstream.service() + " in flight", upstream.limiter().inFlight());
                if (!ready) {
                    response.down();
                }
            }
            return response.build();
        });
    }
}
