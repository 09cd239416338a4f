package org.corridor.report.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A published report: every cell names its dimensions and carries its count, or null and {@code suppressed} when it
 * is withheld; totals are published under the same rule. {@code columns} say how the cells are written as CSV.
 */
@Schema(description = "A report after disclosure control.")
public record Report(
        @Schema(description = "Time of the last event applied to the figures of this report; null before any.", nullable = true)
        Instant asOf,
        @Schema(description = "The disclosure threshold: a figure of 1 to k-1 people is withheld.", examples = "5")
        int k,
        @JsonIgnore List<Column> columns,
        @Schema(description = "One object per cell: its dimensions (such as status and country), then count (null when "
                + "withheld) and suppressed.")
        List<Map<String, Object>> cells,
        @Schema(description = "Totals of the cells by each dimension and overall, each {dimensions..., count, suppressed}.")
        Map<String, Object> totals) {

    /** A CSV column: the cell field it holds and its HXL hashtag. */
    public record Column(String name, String hxl) {
    }
}
