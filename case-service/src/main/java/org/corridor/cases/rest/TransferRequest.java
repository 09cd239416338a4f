package org.corridor.cases.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record TransferRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String toOrganisation,
                              @NotNull @Valid ConsentView consent) {
}
