package org.corridor.gateway.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.config.GatewayConfig;
import org.corridor.gateway.keys.ApiKeyGrant;
import org.corridor.platform.identity.InternalToken;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the internal JWT (ES256) that carries a caller's identity to the services. The token holds only sub, org
 * and roles, so one is signed per key and reused for most of its short life instead of once per request.
 */
@ApplicationScoped
public class InternalTokenIssuer {

    private final Duration lifetime;
    private final Duration reuseFor;
    private final Map<UUID, IssuedToken> issued = new ConcurrentHashMap<>();

    public InternalTokenIssuer(GatewayConfig config) {
        this.lifetime = config.internalTokenLifetime();
        this.reuseFor = lifetime.multipliedBy(4).dividedBy(5);
    }

    public String tokenFor(ApiKeyGrant grant) {
        Instant now = Instant.now();
        return issued.compute(grant.id(), (id, current) ->
                current != null && now.isBefore(current.reuseUntil()) ? current : sign(grant, now)).token();
    }

    private IssuedToken sign(ApiKeyGrant grant, Instant now) {
        String token = Jwt.issuer(InternalToken.ISSUER)
                .audience(InternalToken.AUDIENCE)
                .subject(grant.id().toString())
                .claim(InternalToken.ORGANISATION_CLAIM, grant.organisation())
                .claim(InternalToken.ROLES_CLAIM, grant.roles())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .jws().algorithm(SignatureAlgorithm.ES256)
                .sign();
        return new IssuedToken(token, now.plus(reuseFor));
    }

    private record IssuedToken(String token, Instant reuseUntil) {
    }
}
