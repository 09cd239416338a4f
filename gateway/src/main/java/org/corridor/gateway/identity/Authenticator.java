package org.corridor.gateway.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.gateway.keys.ApiKeyDirectory;
import org.corridor.gateway.keys.ApiKeyGrant;
import org.corridor.gateway.oidc.OidcVerifier;
import org.corridor.platform.problem.ProblemException;

import java.util.Optional;

/** Finds out who a request comes from: an API key, or a bearer token of the configured identity provider. */
@ApplicationScoped
public class Authenticator {

    private final ApiKeyDirectory keys;
    private final OidcVerifier oidc;
    private final Vertx vertx;

    public Authenticator(ApiKeyDirectory keys, OidcVerifier oidc, Vertx vertx) {
        this.keys = keys;
        this.oidc = oidc;
        this.vertx = vertx;
    }

    /** The caller, or a failed future holding the 401 or 403 problem to answer. */
    public Future<Identity> authenticate(String authorization) {
        Optional<String> apiKey = Credentials.apiKey(authorization);
        if (apiKey.isPresent()) {
            return admit(keys.authenticate(apiKey.get()).map(ApiKeyGrant::identity));
        }
        Optional<String> bearer = Credentials.bearer(authorization);
        if (bearer.isPresent() && oidc.enabled()) {
            return vertx.executeBlocking(() -> oidc.verify(bearer.get()), false).compose(this::admit);
        }
        return Future.failedFuture(unauthorized());
    }

    /** The schemes a caller may use, for {@code WWW-Authenticate}. */
    public String challenge() {
        return oidc.enabled() ? Credentials.API_KEY_SCHEME + ", " + Credentials.BEARER_SCHEME : Credentials.API_KEY_SCHEME;
    }

    private Future<Identity> admit(Optional<Identity> identity) {
        if (identity.isEmpty()) {
            return Future.failedFuture(unauthorized());
        }
        if (identity.get().roles().isEmpty()) {
            return Future.failedFuture(ProblemException.forbidden("These credentials carry no Corridor role."));
        }
        return Future.succeededFuture(identity.get());
    }

    private ProblemException unauthorized() {
        String how = oidc.enabled()
                ? "send 'Authorization: ApiKey <key>' or 'Authorization: Bearer <token>'"
                : "send 'Authorization: ApiKey <key>'";
        return new ProblemException(401, "unauthorized", "Unauthorized", "Valid credentials are required: " + how + ".");
    }
}
