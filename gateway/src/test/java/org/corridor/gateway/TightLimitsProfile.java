package org.corridor.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * Limits small and slow enough that a test sees them bite without depending on timing: a bucket of 5 that refills
 * one request an hour, and a circuit that opens after 2 failures counted over an hour and stays open for an hour.
 * The silent report-service times out at once; an import streams at most 16 MiB.
 */
public class TightLimitsProfile extends GatewayTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.putAll(Map.of(
                "corridor.gateway.rate-limit.requests", "1",
                "corridor.gateway.rate-limit.period", "1h",
                "corridor.gateway.rate-limit.burst", "5",
                "corridor.gateway.circuit-breaker.failures", "2",
                "corridor.gateway.circuit-breaker.window", "1h",
                "corridor.gateway.circuit-breaker.open-for", "1h",
                "corridor.gateway.timeouts.routes.reports", "300ms",
                "corridor.gateway.streamed-body-limit", "16M"));
        return overrides;
    }
}
