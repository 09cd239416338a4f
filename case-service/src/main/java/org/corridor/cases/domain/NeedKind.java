package org.corridor.cases.domain;

public enum NeedKind {
    SHELTER, MEDICAL, LEGAL, PSYCHOSOCIAL, INTEGRATION
}
