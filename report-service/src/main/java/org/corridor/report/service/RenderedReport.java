package org.corridor.report.service;

import java.time.Instant;

/** A report written out in the format asked for, and the time of the last event applied to its figures (null before any). */
public record RenderedReport(Instant asOf, byte[] body) {
}
