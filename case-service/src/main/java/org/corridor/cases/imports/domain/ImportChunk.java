package org.corridor.cases.imports.domain;

import java.util.UUID;

/**
 * A run of an import's lines as spooled: {@code content} holds them joined by newlines, sealed; a line over the
 * length limit is there as an empty line and its number is in {@code tooLong}, its content never read.
 */
public record ImportChunk(UUID importId, int sequence, long firstLine, byte[] content, long[] tooLong) {
}
