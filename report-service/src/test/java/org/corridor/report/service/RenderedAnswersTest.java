package org.corridor.report.service;

import org.corridor.report.domain.Interval;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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

    static final ReportQuery OVERVIEW = ReportQuery.now(ReportQuery.Kind.OVERVIEW);

    final AtomicInteger renders = new AtomicInteger();
    final Function<ProtectedTables.ScopeTables, byte[]> asOf = tables -> {
        renders.incrementAndGet();
        return tables.asOf().toString().getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void readsOfOnePublicationGetTheBytesRenderedByTheFirst() {
        var tables = new ProtectedTables.ScopeTables(FIRST, Map.of());
        byte[] first = tables.answer(OVERVIEW, ReportFormat.JSON, asOf);
        assertSame(first, tables.answer(OVERVIEW, ReportFormat.JSON, asOf));
        assertEquals(1, renders.get());
        assertEquals(FIRST.toString(), text(first));
        tables.answer(ReportQuery.now(ReportQuery.Kind.DEMOGRAPHICS), ReportFormat.JSON, asOf);
        assertEquals(2, renders.get(), "another answer is rendered on its own");
    }

    @Test
    void anAnswerReadFromAPublicationIsRenderedFromTheNextBeforeItIsRead() {
        var first = new ProtectedTables.ScopeTables(FIRST, Map.of());
        first.answer(OVERVIEW, ReportFormat.JSON, asOf);
        var second = new ProtectedTables.ScopeTables(SECOND, Map.of());
        second.renderAnswersReadFrom(first);
        assertEquals(2, renders.get());
        assertEquals(SECOND.toString(), text(second.answer(OVERVIEW, ReportFormat.JSON, tables -> {
            throw new AssertionError("rendered before publication");
        })));
    }

    @Test
    void anAnswerNobodyReadFromAPublicationIsNotRenderedAheadForTheNext() {
        var first = new ProtectedTables.ScopeTables(FIRST, Map.of());
        first.answer(OVERVIEW, ReportFormat.JSON, asOf);
        var second = new ProtectedTables.ScopeTables(SECOND, Map.of());
        second.renderAnswersReadFrom(first);
        var third = new ProtectedTables.ScopeTables(THIRD, Map.of());
        third.renderAnswersReadFrom(second);
        assertEquals(2, renders.get(), "nobody read the second publication's overview");
        assertEquals(THIRD.toString(), text(third.answer(OVERVIEW, ReportFormat.JSON, asOf)));
    }

    @Test
    void onlyTheWindowsReadLastAreKeptAndNoneIsRenderedAheadForTheNextPublication() {
        var first = new ProtectedTables.ScopeTables(FIRST, Map.of());
        LocalDate day = LocalDate.parse("2020-01-01");
        int windows = 10 * ProtectedTables.ScopeTables.WINDOWS_KEPT;
        for (int window = 0; window < windows; window++) {
            first.answer(arrivalsUpTo(day.plusDays(window)), ReportFormat.CSV, asOf);
        }
        assertEquals(windows, renders.get());
        byte[] last = first.answer(arrivalsUpTo(day.plusDays(windows - 1)), ReportFormat.CSV, asOf);
        first.answer(arrivalsUpTo(day), ReportFormat.CSV, asOf);
        assertEquals(windows + 1, renders.get(), "the last window read is kept, the first long forgotten");
        assertSame(last, first.answer(arrivalsUpTo(day.plusDays(windows - 1)), ReportFormat.CSV, asOf));

        var second = new ProtectedTables.ScopeTables(SECOND, Map.of());
        second.renderAnswersReadFrom(first);
        assertEquals(windows + 1, renders.get(), "windows are rendered when read, not at publication");
        assertEquals(SECOND.toString(), text(second.answer(arrivalsUpTo(day), ReportFormat.CSV, asOf)));
    }

    private static ReportQuery arrivalsUpTo(LocalDate to) {
        return new ReportQuery(ReportQuery.Kind.ARRIVALS, Interval.MONTH, null, to);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
