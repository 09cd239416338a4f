package org.corridor.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An external identity provider made of a key set generated for the test run: its public keys go to a JWKS file the
 * gateway is configured with, its private key signs the tokens tests present. Roles sit in Keycloak's place
 * ({@code realm_access.roles}), some under the provider's own names, to exercise the mapping.
 */
public class IdentityProviderStub implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://idp.corridor.test/realms/partners";
    static final String AUDIENCE = "corridor-gateway";
    static final String KEY_ID = "test-key-1";
    private static final String SIGNING_KEY = "corridor.test.oidc.signing-key";

    @Override
    public Map<String, String> start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(KEY_ID);
            Path directory = Files.createTempDirectory("corridor-idp-");
            directory.toFile().deleteOnExit();
            Path jwks = directory.resolve("jwks.json");
            Files.writeString(jwks, new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            Path signingKey = directory.resolve("signing-key.pem");
            Files.writeString(signingKey, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getPrivateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            jwks.toFile().deleteOnExit();
            signingKey.toFile().deleteOnExit();
            return Map.of(
                    "corridor.gateway.oidc.issuer", ISSUER,
                    "corridor.gateway.oidc.jwks-location", jwks.toUri().toString(),
                    "corridor.gateway.oidc.audience", AUDIENCE,
                    "corridor.gateway.oidc.roles-claim", "realm_access/roles",
                    "corridor.gateway.oidc.role-mapping.corridor-case-officer", "caseworker",
                    SIGNING_KEY, signingKey.toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not make the identity provider's keys", e);
        }
    }

    @Override
    public void stop() {
    }

    /** A token as the provider issues it, for a test to adjust before signing. */
    static JwtClaimsBuilder token(String subject, String organisation, String... roles) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .claim("org", organisation)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expiresIn(300);
    }

    static String signed(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.RS256).sign(signingKey());
    }

    private static PrivateKey signingKey() {
        try {
            String pem = Files.readString(Path.of(ConfigProvider.getConfig().getValue(SIGNING_KEY, String.class)));
            return KeyUtils.decodePrivateKey(pem, SignatureAlgorithm.RS256);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the identity provider's key", e);
        }
    }
}
