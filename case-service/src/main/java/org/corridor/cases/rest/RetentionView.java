package org.corridor.cases.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RetentionView(@Min(1) @Max(1200) @Schema(nullable = true, description = """
        How many months after a case becomes final (resettled, repatriated or closed) its personal data is erased, \
        as eraseCase does; null keeps it until a coordinator erases the case.""")
                            Integer erasePersonalDataMonthsAfterFinal) {
}
