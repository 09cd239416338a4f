package org.corridor.cases.domain;

import jakarta.validation.constraints.NotNull;

/** A need of the case and its state: codes only, never free text. */
public record Need(@NotNull NeedKind kind, @NotNull NeedState state) {
}
