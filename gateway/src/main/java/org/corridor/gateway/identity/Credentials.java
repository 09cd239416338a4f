package org.corridor.gateway.identity;

import java.util.Optional;

/** The two ways a caller presents itself in {@code Authorization}: an API key or an identity provider's bearer token. */
public final class Credentials {

    public static final String API_KEY_SCHEME = "ApiKey";
    public static final String BEARER_SCHEME = "Bearer";

    private Credentials() {
    }

    public static Optional<String> apiKey(String authorization) {
        return credential(authorization, API_KEY_SCHEME);
    }

    public static Optional<String> bearer(String authorization) {
        return credential(authorization, BEARER_SCHEME);
    }

    private static Optional<String> credential(String authorization, String scheme) {
        int length = scheme.length();
        if (authorization == null || authorization.length() <= length + 1 || authorization.charAt(length) != ' '
                || !authorization.regionMatches(true, 0, scheme, 0, length)) {
            return Optional.empty();
        }
        String credential = authorization.substring(length + 1).trim();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }
}
