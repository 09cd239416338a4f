package org.corridor.gateway.identity;

import org.corridor.platform.identity.Roles;

import java.util.Set;

/** Every role a caller can be given; the gateway grants nothing else, whatever a key request or token asks for. */
public final class CorridorRoles {

    public static final Set<String> ALL = Set.of(Roles.CASEWORKER, Roles.PROTECTION_OFFICER, Roles.COORDINATOR,
            Roles.POLICY_EDITOR, Roles.POLICY_APPROVER, Roles.ANALYST, Roles.AUDITOR);

    private CorridorRoles() {
    }
}
