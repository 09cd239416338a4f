package org.corridor.platform.identity;

/** The roles a Corridor caller can hold, as they appear in the internal token's {@code roles} claim. */
public final class Roles {

    public static final String CASEWORKER = "caseworker";
    public static final String PROTECTION_OFFICER = "protection-officer";
    public static final String COORDINATOR = "coordinator";
    public static final String POLICY_EDITOR = "policy-editor";
    public static final String POLICY_APPROVER = "policy-approver";
    public static final String ANALYST = "analyst";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
