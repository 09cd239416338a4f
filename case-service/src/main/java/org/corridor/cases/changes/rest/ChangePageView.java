package org.corridor.cases.changes.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "ChangePage", description = "A page of the change feed.", requiredProperties = {"items", "next"})
public record ChangePageView(
        List<ChangeView> items,
        @Schema(description = "The cursor to read on from, even when this page is empty: poll with it to get only what "
                + "changed since.") String next) {
}
