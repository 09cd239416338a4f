package org.corridor.platform.identity;

/** The contract of the internal JWT that the gateway signs and every service verifies. */
public final class InternalToken {

    public static final String ISSUER = "corridor-gateway";
    public static final String AUDIENCE = "corridor-services";
    public static final String ORGANISATION_CLAIM = "org";
    public static final String ROLES_CLAIM = "roles";

    private InternalToken() {
    }
}
