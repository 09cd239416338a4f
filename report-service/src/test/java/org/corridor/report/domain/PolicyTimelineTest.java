package org.corridor.report.domain;

import org.corridor.platform.policy.Detention;
import org.corridor.platform.policy.EmbassyHandover;
import org.corridor.platform.policy.RefugeeRecognition;
import org.corridor.platform.policy.Repatriation;
import org.corridor.platform.policy.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyTimelineTest {

    static PolicyVersion version(String from, String to, RiskLevel risk, String recordedAt) {
        return new PolicyVersion(UUID.randomUUID(), "CN", LocalDate.parse(from), to == null ? null : LocalDate.parse(to),
                Instant.parse(recordedAt), risk, RefugeeRecognition.NOT_RECOGNISED, Repatriation.FORCED, Detention.ROUTINE,
                EmbassyHandover.NONE);
    }

    @Test
    void aLaterPublicationSupersedesFromItsValidFrom() {
        PolicyVersion tolerated = version("1995-01-01", null, RiskLevel.HIGH, "2026-01-01T00:00:00Z");
        PolicyVersion olympics = version("2008-08-01", null, RiskLevel.CRITICAL, "2026-02-01T00:00:00Z");
        PolicyVersion olderCorrection = version("2000-01-01", "2001-01-01", RiskLevel.MEDIUM, "2025-01-01T00:00:00Z");

        List<PolicyTimeline.Stretch> stretches = PolicyTimeline.of(List.of(olympics, tolerated, olderCorrection));

        assertEquals(List.of(
                new PolicyTimeline.Stretch(LocalDate.parse("1995-01-01"), LocalDate.parse("2008-08-01"), tolerated),
                new PolicyTimeline.Stretch(LocalDate.parse("2008-08-01"), null, olympics)), stretches,
                "a version recorded before the one covering its days never shows, and the stretch around it is one");
    }

    @Test
    void aStretchOverlapsAWindowWhenItIsInForceOnAnyDayOfIt() {
        var stretch = new PolicyTimeline.Stretch(LocalDate.parse("2000-01-01"), LocalDate.parse("2001-01-01"), null);
        assertTrue(stretch.overlaps(LocalDate.parse("2000-12-31"), null));
        assertFalse(stretch.overlaps(LocalDate.parse("2001-01-01"), null));
        assertTrue(stretch.overlaps(null, LocalDate.parse("2000-01-01")));
        assertFalse(stretch.overlaps(null, LocalDate.parse("1999-12-31")));
    }
}
