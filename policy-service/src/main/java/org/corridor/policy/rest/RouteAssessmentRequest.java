package org.corridor.policy.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.corridor.platform.policy.Vulnerability;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

public record RouteAssessmentRequest(
        @NotEmpty @Size(max = 12) @Schema(examples = "[\"CN\",\"MN\",\"KR\"]") List<@NotNull String> countries,
        @Valid Profile profile,
        @Schema(description = "Day to assess; today when absent.") LocalDate at) {

    public record Profile(Set<@NotNull Vulnerability> vulnerabilities) {
    }
}
