package org.corridor.report.domain;

/** A case's status, as case events carry it; reports list statuses in this order. */
public enum CaseStatus {
    OPEN, IN_TRANSIT, DETAINED, HANDED_OVER, LOST_CONTACT, RESETTLED, REPATRIATED, CLOSED
}
