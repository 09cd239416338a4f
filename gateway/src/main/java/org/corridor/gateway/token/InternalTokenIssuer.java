package org.corridor.gateway.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.config.GatewayConfig;
import org.corridor.gateway.identity.Identity;
import org.corridor.platform.identity.InternalToken;

import java.time.Duration;
import java.time.Instant;

/**
 * Signs the internal JWT (ES256) that carries a caller's identity to the services. The token holds only sub, org
 * and roles, so one is signed per caller and reused for most of its short life instead of once per request.
 */
@ApplicationScoped
public class InternalTokenIssuer {

    private final Duration lifetime;
    private final Cache<Identity, String> issued;

    public InternalTokenIssuer(GatewayConfig config) {
        this.lifetime = config.internalTokenLifetime();
        // keyed by the whole identity, so a caller whose roles change gets a new token at once
        this.issued = Caffeine.newBuilder()
                .expireAfterWrite(lifetime.multipliedBy(4).dividedBy(5))
                .maximumSize(10_000)
                .build();
    }

    public String tokenFor(Identity identity) {
        return issued.get(identity, this::sign);
    }

    private String sign(Identity identity) {
        Instant now = Instant.now();
        return Jwt.issuer(InternalToken.ISSUER)
                .audience(InternalToken.AUDIENCE)
                .subject(identity.subject())
                .claim(InternalToken.ORGANISATION_CLAIM, identity.organisation())
                .claim(InternalToken.ROLES_CLAIM, identity.roles())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .jws().algorithm(SignatureAlgorithm.ES256)
                .sign();
    }
}
