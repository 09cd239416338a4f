package org.corridor.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * Services behind the gateway that a test can overload or kill ({@link HeldUpstreamStub}), with a concurrency limit
 * fixed at 4 calls and 2 waiting (no waiting call gives up), and a circuit that opens after 2 failures counted over
 * an hour and is tried again after a second.
 */
public class OverloadProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "corridor.gateway.concurrency.initial-limit", "4",
                "corridor.gateway.concurrency.min-limit", "4",
                "corridor.gateway.concurrency.max-limit", "4",
                "corridor.gateway.concurrency.queue", "2",
                "corridor.gateway.concurrency.queue-wait", "1h",
                "corridor.gateway.circuit-breaker.failures", "2",
                "corridor.gateway.circuit-breaker.window", "1h",
                "corridor.gateway.circuit-breaker.open-for", "1s",
                // held calls wait on the test, never on a timeout
                "corridor.gateway.timeouts.default", "1h");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(HeldUpstreamStub.class));
    }
}
