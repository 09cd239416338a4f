package org.corridor.report.domain;

import java.time.Instant;
import java.util.Map;

/**
 * The tallies at one moment: the revision of every table, the tallies of the tables read (those whose revision
 * moved), and the time of the latest event applied per stream.
 */
public record TallySnapshot(Map<TableId, Long> revisions, Map<TableId, TallyTable> tables, Map<String, Instant> clocks) {
}
