package org.corridor.policy.domain;

/** What support a person can expect. */
public enum SupportAvailable {
    NONE, MINIMAL, GOVERNMENT_ASSISTANCE
}
