package org.corridor.cases.imports.rest;

import org.corridor.platform.openapi.ErrorResponses;
import org.corridor.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** An import as its caller follows it. */
public record ImportView(
        UUID id,
        @Schema(description = "running while lines remain to import (the file may still be arriving), then completed; "
                + "failed when the upload broke off, so the import was never accepted.") Status status,
        @Schema(description = "Lines read so far, blank lines not counted.") long lines,
        @Schema(description = "Cases created.") long created,
        @Schema(description = "Lines whose externalId was imported before (or earlier in the file): no case created.")
        long replayed,
        @Schema(description = "Lines refused, each for the reason in errors (the first 1,000 kept).") long rejected,
        @Schema(description = "Why lines were refused, by line number (from 1), the first 1,000; never a line's content.")
        List<LineErrorView> errors) {

    public enum Status {
        RUNNING, COMPLETED, FAILED
    }

    public record LineErrorView(long line,
                                @Schema(ref = ErrorResponses.PROBLEM, description = "Why the line was refused.") Problem problem) {
    }
}
