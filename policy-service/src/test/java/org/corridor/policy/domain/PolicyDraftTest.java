package org.corridor.policy.domain;

import org.corridor.platform.policy.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyDraftTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final ValidityPeriod FROM_2026 = new ValidityPeriod(LocalDate.parse("2026-11-01"), null);

    PolicyDraft draft() {
        return PolicyDraft.write("MN", FROM_2026, PolicyTimelineTest.content(RiskLevel.HIGH, "turned against transit"), "editor-a", NOW);
    }

    @Test
    void theAuthorMayNeverPublish() {
        var draft = draft();
        assertThrows(PolicyDraft.FourEyesViolation.class, () -> draft.publish("editor-a", NOW));
        assertEquals(PolicyDraft.Status.OPEN, draft.status);
    }

    @Test
    void neitherMayAnyoneWhoRevisedIt() {
        var draft = draft();
        draft.revise(FROM_2026, PolicyTimelineTest.content(RiskLevel.CRITICAL, "revised"), "editor-b", NOW);
        assertThrows(PolicyDraft.FourEyesViolation.class, () -> draft.publish("editor-b", NOW));
    }

    @Test
    void anotherPersonPublishesItOnceAsANewVersion() {
        var draft = draft();
        PolicyVersion version = draft.publish("approver", NOW.plusSeconds(5));

        assertEquals("MN", version.country);
        assertEquals(FROM_2026.validFrom(), version.validFrom);
        assertEquals(NOW.plusSeconds(5), version.recordedAt);
        assertEquals("approver", version.publishedBy);
        assertEquals(draft.id, version.draftId);
        assertEquals(version.id, draft.publishedVersionId);
        assertThrows(PolicyDraft.DraftAlreadyPublished.class, () -> draft.publish("someone-else", NOW));
        assertThrows(PolicyDraft.DraftAlreadyPublished.class,
                () -> draft.revise(FROM_2026, PolicyTimelineTest.content(RiskLevel.LOW, "x"), "editor-a", NOW));
    }

    @Test
    void validToMustComeAfterValidFrom() {
        var violation = assertThrows(PolicyRuleViolation.class,
                () -> new ValidityPeriod(LocalDate.parse("2020-01-01"), LocalDate.parse("2019-12-31")));
        assertEquals("validTo", violation.field());
        assertThrows(PolicyRuleViolation.class, () -> new ValidityPeriod(LocalDate.parse("2020-01-01"), LocalDate.parse("2020-01-01")));
    }
}
