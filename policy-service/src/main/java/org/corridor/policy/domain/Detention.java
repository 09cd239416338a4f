package org.corridor.policy.domain;

/** How often people found are detained. */
public enum Detention {
    NONE, OCCASIONAL, ROUTINE
}
