package org.corridor.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "corridor.gateway")
public interface GatewayConfig {

    /** Base URLs of the services the gateway forwards to. */
    Upstreams upstreams();

    /** A file of API keys (hashes only) to provision at start; the local runtime writes its demo keys there. */
    Optional<Path> apiKeyImport();

    /** How often the keys are re-read from the database, which bounds how long a revoked key keeps working. */
    @WithDefault("5s")
    Duration apiKeyRefresh();

    /** Life of an internal token; one is reused per key until a fifth of its life is left. */
    @WithDefault("5m")
    Duration internalTokenLifetime();

    interface Upstreams {
        @WithDefault("http://127.0.0.1:8081")
        String caseService();

        @WithDefault("http://127.0.0.1:8082")
        String policyService();

        @WithDefault("http://127.0.0.1:8083")
        String reportService();
    }
}
