package org.corridor.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code event-consumer} in {@code /q/health/ready}: DOWN while the {@link EventConsumer} has been failing for more
 * than a few seconds (its broker or its database gone), or has events to apply but has applied none for a while; UP
 * again as soon as it makes progress. Idle with nothing to apply is UP.
 */
@Readiness
@ApplicationScoped
public class EventConsumerReadiness implements HealthCheck {

    private final ConsumerProgress progress;

    public EventConsumerReadiness(ConsumerProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        return progress.readiness();
    }
}
