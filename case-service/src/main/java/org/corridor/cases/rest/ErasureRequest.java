package org.corridor.cases.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ErasureRequest(@NotBlank @Size(max = 2000) @Schema(description = "Why the case is erased (the person "
        + "asked, say); kept, sealed, with the record of the erasure. Put no personal data here.") String reason) {
}
