package org.corridor.policy.domain;

/** How well the sources support a version. */
public enum Confidence {
    LOW, MEDIUM, HIGH
}
