package org.corridor.platform.cases;

public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN
}
