package org.corridor.cases.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.corridor.cases.domain.Need;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A case as written at intake (POST) or as the result of a merge patch (PATCH). */
public record CaseRequest(
        @NotEmpty @Size(max = 100) List<@Valid @NotNull MemberInput> members,
        @Schema(examples = "CN") String currentCountry,
        @Size(max = 20) @Schema(examples = "[\"CN\",\"MN\",\"KR\"]") List<@NotNull String> plannedRoute,
        @Size(max = 20) List<@Valid @NotNull Need> needs,
        @Size(max = 20000) @Schema(description = "Personal data: encrypted, shown only to protection officers.") String notes) {
}
