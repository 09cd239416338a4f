package org.corridor.cases.changes.domain;

/** What happened to a case, as its organisation's change feed tells it. */
public enum ChangeType {
    OPENED,
    UPDATED,
    JOURNEY_RECORDED,
    RISK_CHANGED,
    CLOSED,
    /** The case came to this organisation by an accepted transfer. */
    TRANSFERRED_IN,
    /** The case went to another organisation by an accepted transfer: this organisation no longer sees it. */
    TRANSFERRED_AWAY,
    /** The case's personal data was erased: it answers 410 from now on. */
    ERASED
}
