package org.corridor.cases.imports.domain;

/** What some lines of an import came to: every line read is one of created, replayed or rejected. */
public record ImportCounts(long lines, long created, long replayed, long rejected) {
}
