package org.corridor.policy.domain;

/** A policy change that breaks a rule of the domain, naming the field at fault. */
public class PolicyRuleViolation extends RuntimeException {

    private final String field;

    public PolicyRuleViolation(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
