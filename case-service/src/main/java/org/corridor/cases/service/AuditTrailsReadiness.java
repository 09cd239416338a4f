package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code audit-trails-keyed} in {@code /q/health/ready}: DOWN until {@link UnkeyedAuditTrails} has run at this start. */
@Readiness
@ApplicationScoped
public class AuditTrailsReadiness implements HealthCheck {

    private final UnkeyedAuditTrails unkeyedTrails;

    public AuditTrailsReadiness(UnkeyedAuditTrails unkeyedTrails) {
        this.unkeyedTrails = unkeyedTrails;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("audit-trails-keyed").status(unkeyedTrails.keyed()).build();
    }
}
