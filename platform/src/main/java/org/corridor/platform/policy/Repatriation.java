package org.corridor.platform.policy;

/** How often people found are sent back to North Korea. */
public enum Repatriation {
    NONE, OCCASIONAL, FORCED
}
