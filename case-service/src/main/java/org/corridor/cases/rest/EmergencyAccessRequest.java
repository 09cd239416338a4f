package org.corridor.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record EmergencyAccessRequest(@NotBlank @Size(max = 2000) @Schema(description = "Why the personal data must be "
        + "read now, for the coordinator who reviews it; put no personal data here.") String reason) {
}
