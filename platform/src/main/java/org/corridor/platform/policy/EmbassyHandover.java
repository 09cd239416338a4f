package org.corridor.platform.policy;

/** How often people stopped are handed to the South Korean embassy. */
public enum EmbassyHandover {
    NONE, OCCASIONAL, ROUTINE
}
