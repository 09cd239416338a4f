package org.corridor.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "corridor.gateway")
public interface GatewayConfig {

    /** Base URLs of the services the gateway forwards to. */
    Upstreams upstreams();

    /** A file of API keys (hashes only) to provision at start; the local runtime writes its demo keys there. */
    Optional<Path> apiKeyImport();

    /** How often the keys are re-read from the database, which bounds how long a revoked key keeps working elsewhere. */
    @WithDefault("5s")
    Duration apiKeyRefresh();

    /** Life of an internal token; one is reused per caller until a fifth of its life is left. */
    @WithDefault("5m")
    Duration internalTokenLifetime();

    RateLimit rateLimit();

    /** Largest request body forwarded; anything larger is answered 413 without reaching a service. */
    @WithDefault("1M")
    MemorySize bodyLimit();

    /**
     * Largest body of a path that streams its body to the service instead of reading it first (bulk imports,
     * {@code POST /api/v1/cases/imports}): a larger declared length is answered 413, and a body that grows past it
     * as it streams has its connection closed.
     */
    @WithDefault("8G")
    MemorySize streamedBodyLimit();

    Timeouts timeouts();

    CircuitBreaker circuitBreaker();

    Concurrency concurrency();

    Admin admin();

    Cors cors();

    /** Bearer tokens of an external identity provider, taken once its issuer is configured. */
    Oidc oidc();

    interface Upstreams {
        @WithDefault("http://127.0.0.1:8081")
        String caseService();

        @WithDefault("http://127.0.0.1:8082")
        String policyService();

        @WithDefault("http://127.0.0.1:8083")
        String reportService();

        /** Where each service's management interface is, for its readiness: a port the services' API is not on. */
        Management management();

        interface Management {
            @WithDefault("http://127.0.0.1:8091")
            String caseService();

            @WithDefault("http://127.0.0.1:8092")
            String policyService();

            @WithDefault("http://127.0.0.1:8093")
            String reportService();
        }
    }

    /** A token bucket per caller (API key or identity-provider subject): {@code requests} per {@code period}, up to {@code burst} at once. */
    interface RateLimit {
        @WithDefault("50")
        @Positive
        long requests();

        @WithDefault("1s")
        Duration period();

        @WithDefault("100")
        @Positive
        long burst();
    }

    interface Timeouts {
        /** How long to wait for a connection to a service: a service that is down answers 503 within this. */
        @WithDefault("1s")
        Duration connect();

        /** How long a service may stay silent while answering, unless its route has its own timeout. */
        @WithName("default")
        @WithDefault("10s")
        Duration fallback();

        /** Per route (the resource after {@code /api/v1/}, e.g. {@code reports}): a timeout of its own. */
        Map<String, Duration> routes();
    }

    /**
     * Per service: after {@code failures} unreachable or timed-out calls within {@code window}, refuse calls for
     * {@code open-for}, then let one call through to try it again.
     */
    interface CircuitBreaker {
        @WithDefault("5")
        @Positive
        int failures();

        @WithDefault("10s")
        Duration window();

        @WithDefault("1s")
        Duration openFor();
    }

    /**
     * Per service: how many calls may be in flight at once, adapted between {@code min-limit} and {@code max-limit}
     * to the service's latency, and how many calls beyond it may wait, for how long, before they are refused (503).
     */
    interface Concurrency {
        /** Where the limit starts; the first calls' latency is taken as the service's uncrowded pace, so keep it low. */
        @WithDefault("10")
        @Positive
        int initialLimit();

        @WithDefault("4")
        @Positive
        int minLimit();

        /** Also the connections kept to each service. */
        @WithDefault("64")
        @Positive
        int maxLimit();

        /** How much slower than its usual latency the service may answer before the limit shrinks. */
        @WithDefault("1.5")
        double latencyTolerance();

        @WithDefault("16")
        @PositiveOrZero
        int queue();

        @WithDefault("50ms")
        Duration queueWait();
    }

    interface Admin {
        /**
         * SHA-256 (hex) of each admin key allowed to call {@code /admin/v1/keys}; more than one lets a key be rotated.
         * None configured: the admin API refuses everyone.
         */
        Optional<Set<@Pattern(regexp = "[0-9a-f]{64}", message = "is not a SHA-256 in lower-case hex") String>> keyHashes();
    }

    interface Cors {
        /**
         * The internal frontends (origins such as {@code https://desk.example.org}) whose browsers may call the API;
         * none by default. Quarkus' CORS filter enforces it: application.properties hands it on as quarkus.http.cors.origins.
         */
        Optional<List<String>> origins();
    }

    interface Oidc {
        /** The identity provider's issuer ({@code iss}), exactly as it appears in its tokens; none: API keys only. */
        Optional<String> issuer();

        /** Where its public keys are: an https URL of its JWKS, or a file. Required with an issuer. */
        Optional<String> jwksLocation();

        /** The audience ({@code aud}) a token must be issued for: the gateway's client id there. Required with an issuer. */
        Optional<String> audience();

        @WithDefault("RS256,ES256")
        List<String> signatureAlgorithms();

        /** The claim naming the caller's organisation. */
        @WithDefault("org")
        String organisationClaim();

        /** Where the caller's roles are, as a path of claim names separated by '/', e.g. {@code realm_access/roles}. */
        @WithDefault("roles")
        String rolesClaim();

        /** Identity-provider role to Corridor role; a role that is neither mapped nor a Corridor role is ignored. */
        Map<String, String> roleMapping();

        @WithDefault("30s")
        Duration clockSkew();
    }
}
