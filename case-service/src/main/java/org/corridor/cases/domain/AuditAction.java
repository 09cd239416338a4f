package org.corridor.cases.domain;

public enum AuditAction {
    READ, CREATE, UPDATE, JOURNEY, TRANSFER, CLOSE, READ_PERSONAL_DATA, ERASE, EMERGENCY_ACCESS, SUBJECT_ACCESS
}
