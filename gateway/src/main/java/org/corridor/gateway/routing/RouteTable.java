package org.corridor.gateway.routing;

import org.corridor.gateway.config.GatewayConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which service owns each resource of {@code /api/v1}, and each route's timeout. */
public final class RouteTable {

    static final String CASE_SERVICE = "case-service";
    static final String POLICY_SERVICE = "policy-service";
    static final String REPORT_SERVICE = "report-service";
    private static final String API = "/api/v1/";
    private static final Map<String, List<String>> RESOURCES = Map.of(
            CASE_SERVICE, List.of("cases", "alerts", "transfers", "audit", "subscriptions", "changes", "emergency-accesses",
                    "organisation"),
            POLICY_SERVICE, List.of("countries", "routes"),
            REPORT_SERVICE, List.of("reports"));

    /** Paths whose body streams to the service, by their route's name: a bulk import is as large as the caseload. */
    private static final Map<String, String> STREAMED = Map.of("/api/v1/cases/imports", "case-imports");

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Route> streamed = new LinkedHashMap<>();

    public RouteTable(GatewayConfig.Timeouts timeouts) {
        RESOURCES.forEach((service, resources) -> resources.forEach(resource -> routes.put(resource,
                new Route(resource, service, timeouts.routes().getOrDefault(resource, timeouts.fallback()), false))));
        STREAMED.forEach((path, name) -> streamed.put(path,
                new Route(name, CASE_SERVICE, timeouts.routes().getOrDefault(name, timeouts.fallback()), true)));
        for (String configured : timeouts.routes().keySet()) {
            if (!routes.containsKey(configured) && !STREAMED.containsValue(configured)) {
                throw new IllegalArgumentException("corridor.gateway.timeouts.routes." + configured
                        + " names no route; the routes are " + routes.keySet());
            }
        }
    }

    /** The route of a request path: its first segment after {@code /api/v1/}, so {@code /api/v1/casesX} has none. */
    public Optional<Route> routeFor(String path) {
        if (!path.startsWith(API)) {
            return Optional.empty();
        }
        if (streamed.containsKey(path)) {
            return Optional.of(streamed.get(path));
        }
        int end = path.indexOf('/', API.length());
        return Optional.ofNullable(routes.get(path.substring(API.length(), end < 0 ? path.length() : end)));
    }

    public Collection<Route> all() {
        List<Route> all = new ArrayList<>(routes.values());
        all.addAll(streamed.values());
        return all;
    }
}
