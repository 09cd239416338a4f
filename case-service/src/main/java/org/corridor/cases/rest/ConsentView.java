package org.corridor.cases.rest;

import jakarta.validation.constraints.NotNull;
import org.corridor.cases.domain.CaseTransfer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

@Schema(name = "Consent", description = "The person's consent to the transfer of their case.")
public record ConsentView(@NotNull CaseTransfer.ConsentBasis basis,
                          @NotNull @Schema(description = "The day the consent was given (or the vital interest found).")
                          LocalDate recordedOn) {
}
