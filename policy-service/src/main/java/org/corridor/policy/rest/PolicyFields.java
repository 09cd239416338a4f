package org.corridor.policy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.corridor.policy.domain.Confidence;
import org.corridor.platform.policy.Detention;
import org.corridor.platform.policy.EmbassyHandover;
import org.corridor.platform.policy.RefugeeRecognition;
import org.corridor.platform.policy.Repatriation;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.policy.domain.SupportAvailable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** What an editor writes in a draft, and what every published version says. */
@Schema(name = "PolicyFields", description = "The content of a policy version or draft.")
public record PolicyFields(
        @NotNull @Schema(description = "First day the version applies.", examples = "2008-08-01") LocalDate validFrom,
        @Schema(description = "Day it stops applying (exclusive); null while open-ended.", nullable = true) LocalDate validTo,
        @NotNull RefugeeRecognition refugeeRecognition,
        @NotNull Repatriation repatriation,
        @NotNull Detention detention,
        @NotNull EmbassyHandover embassyHandover,
        @Size(max = 2000) @Schema(nullable = true) String penaltiesForHelpers,
        @Schema(nullable = true) Boolean unhcrAccess,
        @Schema(nullable = true) SupportAvailable supportAvailable,
        @NotNull RiskLevel riskLevel,
        @NotBlank @Size(max = 4000) String summary,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> sources,
        @Schema(nullable = true) Confidence confidence) {
}
