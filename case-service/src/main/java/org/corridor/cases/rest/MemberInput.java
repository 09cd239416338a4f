package org.corridor.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.policy.Vulnerability;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;
import java.util.UUID;

/** A member as a caseworker enters it. Personal fields may be given at intake by any case role. */
public record MemberInput(
        @Schema(description = "Only in a PATCH: the existing member this entry updates; omitted personal fields keep their values.")
        UUID id,
        @NotBlank @Size(max = 200) String alias,
        @NotNull Sex sex,
        @NotNull AgeBand ageBand,
        @Size(max = 7) Set<@NotNull Vulnerability> vulnerabilities,
        @Size(max = 300) @Schema(description = "Personal data: encrypted, shown only to protection officers.") String legalName,
        @Size(max = 32) @Schema(description = "Personal data; partial dates such as 1985 or 1985-03 are fine.") String dateOfBirth,
        @Size(max = 500) @Schema(description = "Personal data: place of origin in North Korea.") String placeOfOrigin,
        @Size(max = 4000) @Schema(description = "Personal data: relatives, free text.") String relatives,
        @Size(max = 1000) @Schema(description = "Personal data: how to reach the person, free text.") String contact) {
}
