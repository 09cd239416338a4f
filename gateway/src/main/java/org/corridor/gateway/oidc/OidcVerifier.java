package org.corridor.gateway.oidc;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.corridor.gateway.config.GatewayConfig;
import org.corridor.gateway.identity.CorridorRoles;
import org.corridor.gateway.identity.Identity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a bearer token of the configured identity provider (signature against its published keys, issuer, audience,
 * expiry) and reads the caller's organisation and Corridor roles from it. May fetch the provider's keys, so it blocks:
 * call it off the event loop.
 */
@Startup
@ApplicationScoped
public class OidcVerifier {

    private final Optional<Verification> verification;

    public OidcVerifier(GatewayConfig config) {
        this.verification = config.oidc().issuer().map(issuer -> new Verification(issuer, config.oidc()));
    }

    public boolean enabled() {
        return verification.isPresent();
    }

    /** The caller a token stands for, or empty when the token is not one to trust or names no organisation. */
    public Optional<Identity> verify(String token) {
        return verification.flatMap(settings -> settings.identity(token));
    }

    private static final class Verification {

        private final DefaultJWTParser parser;
        private final String organisationClaim;
        private final Map<String, String> roleMapping;

        Verification(String issuer, GatewayConfig.Oidc oidc) {
            var context = new JWTAuthContextInfo(required(oidc.jwksLocation(), "jwks-location"), issuer);
            context.setExpectedAudience(Set.of(required(oidc.audience(), "audience")));
            context.setSignatureAlgorithm(oidc.signatureAlgorithms().stream().map(SignatureAlgorithm::fromAlgorithm)
                    .collect(Collectors.toSet()));
            context.setGroupsPath(oidc.rolesClaim());
            context.setClockSkew((int) oidc.clockSkew().toSeconds());
            context.setRequiredClaims(Set.of("sub", "exp", oidc.organisationClaim()));
            this.parser = new DefaultJWTParser(context);
            this.organisationClaim = oidc.organisationClaim();
            this.roleMapping = Map.copyOf(oidc.roleMapping());
        }

        Optional<Identity> identity(String token) {
            JsonWebToken jwt;
            try {
                jwt = parser.parse(token);
            } catch (ParseException e) {
                // the reason is not logged: parser messages can quote the token's claims, which may name a person
                return Optional.empty();
            }
            String organisation = text(jwt.getClaim(organisationClaim));
            if (!Identity.isOrganisation(organisation) || jwt.getSubject() == null) {
                return Optional.empty();
            }
            Set<String> roles = jwt.getGroups().stream()
                    .map(role -> roleMapping.getOrDefault(role, role))
                    .filter(CorridorRoles.ALL::contains)
                    .collect(Collectors.toSet());
            return Optional.of(new Identity(jwt.getSubject(), organisation, roles));
        }

        private static String required(Optional<String> setting, String name) {
            return setting.orElseThrow(() -> new IllegalStateException(
                    "corridor.gateway.oidc." + name + " is required when corridor.gateway.oidc.issuer is set"));
        }

        private static String text(Object claim) {
            return switch (claim) {
                case JsonString json -> json.getString();
                case String plain -> plain;
                case null, default -> null;
            };
        }
    }
}
