package org.corridor.cases.imports.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream of lines into chunks as it reads it, holding one chunk at most: a chunk ends after {@code linesPerChunk}
 * lines or {@link #CHUNK_BYTES}, whichever comes first. A line longer than {@code maxLineBytes} is skipped unread up to
 * its end and stands in its chunk as an empty line, its number listed, so line numbers stay those of the file.
 */
final class LineChunks {

    /** Bounds a chunk of long lines: what a chunk costs in memory, to spool and to import in one transaction. */
    static final int CHUNK_BYTES = 8 << 20;

    /** Lines numbered from 1 as in the file; {@code text} holds them joined by newlines. */
    record Chunk(long firstLine, String text, long[] tooLong) {
    }

    interface Sink {
        void accept(Chunk chunk) throws IOException;
    }

    private final int linesPerChunk;
    private final int maxLineBytes;
    private final Sink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final List<Long> tooLong = new ArrayList<>();
    private boolean lineTooLong;
    private long lineNumber;
    private long firstLine = 1;
    private int linesInChunk;

    private LineChunks(int linesPerChunk, int maxLineBytes, Sink sink) {
        this.linesPerChunk = linesPerChunk;
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    /** Reads the stream to its end, handing each chunk to {@code sink} as it is complete; answers the lines read. */
    static long read(InputStream in, int linesPerChunk, int maxLineBytes, Sink sink) throws IOException {
        var chunks = new LineChunks(linesPerChunk, maxLineBytes, sink);
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            chunks.take(buffer, read);
        }
        if (chunks.line.size() > 0 || chunks.lineTooLong) {
            chunks.endLine();
        }
        chunks.endChunk();
        return chunks.lineNumber;
    }

    private void take(byte[] buffer, int length) throws IOException {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                append(buffer, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        append(buffer, start, length - start);
    }

    private void append(byte[] buffer, int offset, int length) {
        if (lineTooLong || length == 0) {
            return;
        }
        if (line.size() + length > maxLineBytes) {
            lineTooLong = true;
            line.reset();
        } else {
            line.write(buffer, offset, length);
        }
    }

    private void endLine() throws IOException {
        lineNumber++;
        if (linesInChunk > 0) {
            text.append('\n');
        }
        if (lineTooLong) {
            tooLong.add(lineNumber);
        } else {
            String content = line.toString(StandardCharsets.UTF_8);
            text.append(content.endsWith("\r") ? content.substring(0, content.length() - 1) : content);
        }
        line.reset();
        lineTooLong = false;
        linesInChunk++;
        if (linesInChunk >= linesPerChunk || text.length() >= CHUNK_BYTES) {
            endChunk();
        }
    }

    private void endChunk() throws IOException {
        if (linesInChunk == 0) {
            return;
        }
        sink.accept(new Chunk(firstLine, text.toString(), tooLong.stream().mapToLong(Long::longValue).toArray()));
        firstLine = lineNumber + 1;
        linesInChunk = 0;
        text.setLength(0);
        tooLong.clear();
    }
}
