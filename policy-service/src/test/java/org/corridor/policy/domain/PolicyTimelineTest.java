package org.corridor.policy.domain;

import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.Repatriation;
import org.corridor.platform.policy.Detention;
import org.corridor.platform.policy.RefugeeRecognition;
import org.corridor.platform.policy.EmbassyHandover;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTimelineTest {

    static final Instant LOADED = Instant.parse("2026-01-01T00:00:00Z");

    static PolicyContent content(RiskLevel risk, String summary) {
        var content = new PolicyContent();
        content.refugeeRecognition = RefugeeRecognition.NOT_RECOGNISED;
        content.repatriation = Repatriation.FORCED;
        content.detention = Detention.ROUTINE;
        content.embassyHandover = EmbassyHandover.NONE;
        content.riskLevel = risk;
        content.summary = summary;
        content.sources = List.of("seeds/002");
        return content;
    }

    static PolicyVersion version(String from, String to, RiskLevel risk, Instant recorded) {
        return PolicyVersion.record("CN", new ValidityPeriod(LocalDate.parse(from), to == null ? null : LocalDate.parse(to)),
                content(risk, risk.name()), recorded);
    }

    final PolicyVersion beforeOlympics = version("1995-01-01", "2008-08-01", RiskLevel.HIGH, LOADED);
    final PolicyVersion afterOlympics = version("2008-08-01", null, RiskLevel.CRITICAL, LOADED);

    @Test
    void answersTheVersionInForceOnADay() {
        var timeline = new PolicyTimeline(List.of(beforeOlympics, afterOlympics));

        var june2008 = timeline.inForce(LocalDate.parse("2008-06-01"), LOADED).orElseThrow();
        assertEquals(beforeOlympics, june2008.version());
        assertEquals(LocalDate.parse("2008-08-01"), june2008.validTo());

        var today = timeline.inForce(LocalDate.parse("2026-11-23"), LOADED).orElseThrow();
        assertEquals(afterOlympics, today.version());
        assertNull(today.validTo());
    }

    @Test
    void validToIsExclusive() {
        var timeline = new PolicyTimeline(List.of(beforeOlympics, afterOlympics));
        assertEquals(afterOlympics, timeline.inForce(LocalDate.parse("2008-08-01"), LOADED).orElseThrow().version());
        assertEquals(beforeOlympics, timeline.inForce(LocalDate.parse("2008-07-31"), LOADED).orElseThrow().version());
    }

    @Test
    void nothingBeforeTheFirstVersionOrBeforeItWasRecorded() {
        var timeline = new PolicyTimeline(List.of(beforeOlympics, afterOlympics));
        assertTrue(timeline.inForce(LocalDate.parse("1990-01-01"), LOADED).isEmpty());
        assertTrue(timeline.inForce(LocalDate.parse("2008-06-01"), LOADED.minusSeconds(1)).isEmpty());
    }

    @Test
    void aLaterPublicationSupersedesFromItsValidFromAndHistoryKeepsBoth() {
        Instant corrected = LOADED.plusSeconds(3600);
        var correction = version("2020-01-01", null, RiskLevel.HIGH, corrected);
        var timeline = new PolicyTimeline(List.of(beforeOlympics, afterOlympics, correction));

        assertEquals(correction, timeline.inForce(LocalDate.parse("2021-05-05"), corrected).orElseThrow().version());
        var between = timeline.inForce(LocalDate.parse("2015-01-01"), corrected).orElseThrow();
        assertEquals(afterOlympics, between.version());
        assertEquals(LocalDate.parse("2020-01-01"), between.validTo(), "the open-ended version now ends where the correction starts");

        // before the correction was recorded we believed the old version applied in 2021
        assertEquals(afterOlympics, timeline.inForce(LocalDate.parse("2021-05-05"), LOADED).orElseThrow().version());
        assertNull(timeline.inForce(LocalDate.parse("2015-01-01"), LOADED).orElseThrow().validTo());

        assertEquals(List.of(correction, afterOlympics, beforeOlympics), timeline.history());
    }

    @Test
    void aCorrectionOfOneStretchLeavesTheRestInForce() {
        Instant corrected = LOADED.plusSeconds(60);
        var stretch = version("2010-01-01", "2012-01-01", RiskLevel.HIGH, corrected);
        var timeline = new PolicyTimeline(List.of(beforeOlympics, afterOlympics, stretch));

        assertEquals(stretch, timeline.inForce(LocalDate.parse("2011-01-01"), corrected).orElseThrow().version());
        assertEquals(afterOlympics, timeline.inForce(LocalDate.parse("2013-01-01"), corrected).orElseThrow().version());
        assertEquals(LocalDate.parse("2010-01-01"),
                timeline.inForce(LocalDate.parse("2009-01-01"), corrected).orElseThrow().validTo());
    }
}
