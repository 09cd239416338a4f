package org.corridor.cases.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(name = "SubjectAccessExport", description = "Everything Corridor holds about one case.")
public record SubjectAccessView(Instant exportedAt,
                                @Schema(description = "The case, with every member's personal data.") CaseView caseFile,
                                @Schema(description = "The whole journey, oldest first, with its places.")
                                List<JourneyView> journey,
                                @Schema(description = "Every transfer offer of the case, with the consent it recorded.")
                                List<TransferView> transfers,
                                @Schema(description = "Every risk alert raised about the case.") List<AlertView> alerts,
                                @Schema(description = "Every emergency access to the case, with its reason and review.")
                                List<EmergencyAccessView> emergencyAccesses,
                                @Schema(description = "The case's whole audit trail, this export's entries included.")
                                List<AuditView.Entry> audit) {
}
