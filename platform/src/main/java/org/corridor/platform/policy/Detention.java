package org.corridor.platform.policy;

/** How often people found are detained. */
public enum Detention {
    NONE, OCCASIONAL, ROUTINE
}
