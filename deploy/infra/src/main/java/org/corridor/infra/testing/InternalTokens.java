package org.corridor.infra.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Internal tokens as the gateway signs them, for calling a service directly in its tests. The claim names and
 * issuer repeat the platform's {@code InternalToken} contract on purpose: a test that drifted from it would fail.
 */
public final class InternalTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private InternalTokens() {
    }

    public static String bearer(String organisation, String... roles) {
        return bearerFor("user-" + organisation + "-" + String.join("+", roles), organisation, roles);
    }

    public static String bearerFor(String subject, String organisation, String... roles) {
        return signedByTheGateway(subject, organisation, LIFETIME, roles);
    }

    /** Signed with the gateway's key, but living longer than any token the gateway makes. */
    public static String bearerLivingFor(Duration lifetime, String organisation, String... roles) {
        return signedByTheGateway("long-lived", organisation, lifetime, roles);
    }

    /** Signed with the gateway's key, but naming several organisations where the gateway puts one. */
    public static String bearerOfOrganisations(List<String> organisations, String... roles) {
        return signedByTheGateway("many-organisations", organisations, LIFETIME, roles);
    }

    private static String signedByTheGateway(String subject, Object organisation, Duration lifetime, String... roles) {
        try {
            var key = KeyUtils.decodePrivateKey(
                    Files.readString(Path.of(System.getProperty(CorridorTestInfrastructure.SIGNING_KEY))),
                    SignatureAlgorithm.ES256);
            return sign(key, subject, organisation, lifetime, roles);
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    /** A well-formed token signed by a key that is not the gateway's, which every service must refuse. */
    public static String bearerSignedByAStranger(String organisation, String... roles) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return sign(generator.generateKeyPair().getPrivate(), "stranger", organisation, LIFETIME, roles);
        } catch (Exception e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private static String sign(PrivateKey key, String subject, Object organisation, Duration lifetime, String... roles) {
        return "Bearer " + Jwt.issuer("corridor-gateway")
                    .audience("corridor-services")
                    .subject(subject)
                    .claim("org", organisation)
                    .claim("roles", Set.of(roles))
                    .expiresIn(lifetime)
                    .jws().algorithm(SignatureAlgorithm.ES256)
                    .sign(key);
    }
}
