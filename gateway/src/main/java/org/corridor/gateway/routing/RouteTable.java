package org.corridor.gateway.routing;

import org.corridor.gateway.config.GatewayConfig;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which service owns each part of {@code /api/v1}. */
public final class RouteTable {

    private final Map<String, URI> upstreamByPrefix = new LinkedHashMap<>();

    public RouteTable(GatewayConfig.Upstreams upstreams) {
        URI cases = URI.create(upstreams.caseService());
        URI policy = URI.create(upstreams.policyService());
        URI reports = URI.create(upstreams.reportService());
        for (String resource : new String[] {"cases", "alerts", "transfers", "audit"}) {
            upstreamByPrefix.put("/api/v1/" + resource, cases);
        }
        for (String resource : new String[] {"countries", "routes"}) {
            upstreamByPrefix.put("/api/v1/" + resource, policy);
        }
        upstreamByPrefix.put("/api/v1/reports", reports);
    }

    /** The service for a request path: a prefix match on whole path segments, so {@code /api/v1/casesX} has none. */
    public Optional<URI> upstreamFor(String path) {
        return upstreamByPrefix.entrySet().stream()
                .filter(route -> path.equals(route.getKey()) || path.startsWith(route.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
