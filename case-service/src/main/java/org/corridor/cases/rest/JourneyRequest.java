package org.corridor.cases.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.corridor.platform.cases.JourneyKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

public record JourneyRequest(
        @NotNull JourneyKind kind,
        @NotNull @Schema(examples = "MN") String country,
        @Size(max = 500) @Schema(description = "Free text: encrypted, shown only to protection officers.") String place,
        @NotNull LocalDate date) {
}
