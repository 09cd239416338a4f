package org.corridor.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CloseRequest(@NotBlank @Size(max = 2000) String reason) {
}
