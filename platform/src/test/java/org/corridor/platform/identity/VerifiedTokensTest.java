package org.corridor.platform.identity;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokensTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    final CountingVerifier verifier = new CountingVerifier();

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() throws ParseException {
        verifier.valid.put("token-a", NOW.plusSeconds(300));
        var tokens = new VerifiedTokens(verifier, Clock.fixed(NOW, ZoneOffset.UTC));

        JsonWebToken first = tokens.parse("token-a");
        JsonWebToken again = tokens.parse("token-a");

        assertSame(first, again);
        assertEquals(1, verifier.verifications.get("token-a"));
    }

    @Test
    void aRememberedTokenPastItsExpiryIsVerifiedAgainAndRefused() throws ParseException {
        verifier.valid.put("token-b", NOW.plusSeconds(60));
        var clock = new MovableClock(NOW);
        var tokens = new VerifiedTokens(verifier, clock);
        tokens.parse("token-b");

        clock.now = NOW.plusSeconds(61);
        verifier.valid.remove("token-b");

        assertThrows(ParseException.class, () -> tokens.parse("token-b"));
        assertEquals(2, verifier.verifications.get("token-b"), "an expired token is never answered from memory");
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() {
        var tokens = tokens(NOW);

        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, verifier.verifications.get("forged"));
    }

    VerifiedTokens tokens(Instant now) {
        return new VerifiedTokens(verifier, Clock.fixed(now, ZoneOffset.UTC));
    }

    static final class MovableClock extends Clock {

        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Accepts the tokens it is told are valid, each expiring when it is told, and counts every verification. */
    static final class CountingVerifier implements JWTParser {

        final Map<String, Instant> valid = new HashMap<>();
        final Map<String, Integer> verifications = new HashMap<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            verifications.merge(token, 1, Integer::sum);
            Instant expiry = valid.get(token);
            if (expiry == null) {
                throw new ParseException("signature does not verify");
            }
            return new Claims(Map.of("sub", "caller", "exp", expiry.getEpochSecond()));
        }

        @Override
        public JsonWebToken parse(String token, JWTAuthContextInfo context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, PublicKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, PrivateKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken parseOnly(String token) {
            throw new UnsupportedOperationException();
        }
    }

    record Claims(Map<String, Object> claims) implements JsonWebToken {

        @Override
        public String getName() {
            return (String) claims.get("sub");
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }
}
