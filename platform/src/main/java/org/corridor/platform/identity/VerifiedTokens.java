package org.corridor.platform.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

/**
 * Verifies each internal token once while it is valid. The gateway sends one token per caller for most of the
 * token's life, and checking its ES256 signature took a fifth of case-service's CPU per request (JFR, 1,500 case
 * creations). A token is remembered only after it verified, by its exact text, and only until it expires.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@IfBuildProperty(name = "quarkus.smallrye-jwt.enabled", stringValue = "true", enableIfMissing = true)
public class VerifiedTokens implements JWTParser {

    private static final int CAPACITY = 10_000;
    // no internal token lives longer (corridor.gateway.internal-token-lifetime)
    private static final Duration LONGEST_LIFETIME = Duration.ofMinutes(5);

    private final JWTParser verifier;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    public VerifiedTokens(JWTAuthContextInfo authContext) {
        this(new DefaultJWTParser(authContext), Clock.systemUTC());
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(CAPACITY).expireAfterWrite(LONGEST_LIFETIME).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && known.getExpirationTime() > clock.instant().getEpochSecond()) {
            return known;
        }
        JsonWebToken parsed = verifier.parse(token);
        verified.put(token, parsed);
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
