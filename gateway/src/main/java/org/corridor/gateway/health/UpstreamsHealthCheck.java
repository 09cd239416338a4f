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
 * Whether each service behind the gateway is ready, and the state of its circuit breaker, at
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
                response.withData(all.get(i).service(), ready ? "UP" : "DOWN")
                        .withData(all.get(i).service() + " circuit", all.get(i).circuit().name().toLowerCase());
                if (!ready) {
                    response.down();
                }
            }
            return response.build();
        });
    }
}
