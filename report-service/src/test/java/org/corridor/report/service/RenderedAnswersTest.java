package org.corridor.report.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An answer is rendered once per publication of a scope's tables, and always from the tables it is read from. */
class RenderedAnswersTest {

    static final Instant FIRST = Instant.parse("2026-11-28T10:00:00Z");
    static final Instant SECOND = Instant.parse("2026-11-28T10:00:01Z");
    static final Instant THIRD = Instant.parse("2026-11-28T10:00:02Z");

    final AtomicInteger renders = new AtomicInteger();
    final Function<ProtectedTables.ScopeTables, byte[]> asOf = tables -> {
        renders.incrementAndGet();
        return tables.asOf().toString().getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void readsOfOnePublicationGetTheBytesRenderedByTheFirst() {
        var tables = new ProtectedTables.ScopeTables(FIRST, Map.of());
        byte[] first = tables.answer("overview", asOf);
        assertSame(first, tables.answer("overview", asOf));
        assertEquals(1, renders.get());
        assertEquals(FIRST.toString(), text(first));
        tables.answer("demographics", asOf);
        assertEquals(2, renders.get(), "another answer is rendered on its own");
    }

    @Test
    void anAnswerReadFromAPublicationIsRenderedFromTheNextBeforeItIsRead() {
        var first = new ProtectedTables.ScopeTables(FIRST, Map.of());
        first.answer("overview", asOf);
        var second = new ProtectedTables.ScopeTables(SECOND, Map.of());
        second.renderAnswersReadFrom(first);
        assertEquals(2, renders.get());
        assertEquals(SECOND.toString(), text(second.answer("overview", tables -> {
            throw new AssertionError("rendered before publication");
        })));
    }

    @Test
    void anAnswerNobodyReadFromAPublicationIsNotRenderedAheadForTheNext() {
        var first = new ProtectedTables.ScopeTables(FIRST, Map.of());
        first.answer("overview", asOf);
        var second = new ProtectedTables.ScopeTables(SECOND, Map.of());
        second.renderAnswersReadFrom(first);
        var third = new ProtectedTables.ScopeTables(THIRD, Map.of());
        third.renderAnswersReadFrom(second);
        assertEquals(2, renders.get(), "nobody read the second publication's overview");
        assertEquals(THIRD.toString(), text(third.answer("overview", asOf)));
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
