package org.corridor.cases.service;

import org.corridor.cases.domain.JourneyEntry;

/** A journey event with its place opened for a protection officer; null for anyone else. */
public record VisibleJourneyEntry(JourneyEntry entry, String place) {
}
