package org.corridor.gateway.identity;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a request comes from once authenticated, by API key or by an identity provider's token: exactly what the
 * internal token tells the services.
 */
public record Identity(String subject, String organisation, Set<String> roles) {

    private static final Pattern ORGANISATION = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    public Identity {
        roles = Set.copyOf(roles);
    }

    /** Organisation ids are lower-case slugs, like {@code crossing-hope}. */
    public static boolean isOrganisation(String candidate) {
        return candidate != null && ORGANISATION.matcher(candidate).matches();
    }
}
