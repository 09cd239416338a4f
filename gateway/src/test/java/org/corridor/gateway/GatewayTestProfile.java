package org.corridor.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.corridor.gateway.keys.ApiKeyHash;

import java.util.List;
import java.util.Map;

/**
 * The gateway as most tests see it: stub services behind it (see {@link UpstreamStub}), a stub identity provider, an
 * admin key, one internal frontend allowed by CORS, and default limits. Test classes sharing it share one application.
 */
public class GatewayTestProfile implements QuarkusTestProfile {

    static final String ADMIN_KEY = "cor_admin-test-key-0123456789abcdefghijklmnopqrstu";
    static final String FRONTEND = "https://desk.corridor.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "corridor.gateway.admin.key-hashes", ApiKeyHash.of(ADMIN_KEY).hex(),
                "corridor.gateway.cors.origins", FRONTEND,
                // the silent report-service answers no one, and no timeout ends a call to it before its caller does
                "corridor.gateway.timeouts.routes.reports", "1h");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(UpstreamStub.class), new TestResourceEntry(IdentityProviderStub.class));
    }
}
