package org.corridor.cases.rest;

import org.corridor.platform.cases.JourneyKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record JourneyView(UUID id,
                          @Schema(description = "The order it was recorded in, among the case's events.") int sequence,
                          JourneyKind kind, String country,
                          @Schema(nullable = true, description = "Personal data: null unless you are a protection officer (or it was never given).")
                          String place,
                          LocalDate date,
                          Instant recordedAt) {
}
