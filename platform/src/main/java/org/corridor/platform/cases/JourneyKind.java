package org.corridor.platform.cases;

/** What happened on a case's journey. */
public enum JourneyKind {
    DEPARTED, ENTERED_COUNTRY, DETAINED, FINED, RELEASED, HANDED_TO_EMBASSY, REPATRIATED, ARRIVED, LOST_CONTACT
}
