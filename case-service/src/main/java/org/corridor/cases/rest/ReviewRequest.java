package org.corridor.cases.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.corridor.cases.domain.EmergencyAccess;

public record ReviewRequest(@NotNull EmergencyAccess.Outcome outcome, @Size(max = 2000) String note) {
}
