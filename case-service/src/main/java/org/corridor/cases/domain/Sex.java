package org.corridor.cases.domain;

public enum Sex {
    FEMALE, MALE, OTHER, UNKNOWN
}
