package org.corridor.cases.rest;

import org.corridor.platform.cases.JourneyKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record JourneyView(UUID id, int sequence, JourneyKind kind, String country, String place, LocalDate date,
                          Instant recordedAt) {
}
