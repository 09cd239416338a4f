package org.corridor.cases.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.corridor.platform.policy.RiskLevel.CRITICAL;
import static org.corridor.platform.policy.RiskLevel.HIGH;
import static org.corridor.platform.policy.RiskLevel.MEDIUM;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RiskImpactTallyTest {

    @Test
    void theCallersOwnCountsAreExactAndUnchangedCasesCountNothing() {
        var tally = new RiskImpactTally("own", 5);
        tally.count("own", HIGH, CRITICAL);
        tally.count("own", HIGH, CRITICAL);
        tally.count("own", MEDIUM, MEDIUM);
        tally.count("other", HIGH, CRITICAL);

        assertEquals(List.of(new RiskImpactTally.Count(HIGH, CRITICAL, 2)), tally.organisation());
    }

    @Test
    void acrossOrganisationsACountBelowTheThresholdIsWithheld() {
        var tally = new RiskImpactTally("own", 5);
        for (int i = 0; i < 4; i++) {
            tally.count("other", MEDIUM, HIGH);
        }
        assertEquals(List.of(new RiskImpactTally.DisclosedCount(MEDIUM, HIGH, null, true)), tally.allOrganisations());
    }

    @Test
    void acrossOrganisationsACountThatWouldGiveAwayTheOthersBySubtractionIsWithheld() {
        var tally = new RiskImpactTally("own", 5);
        for (int i = 0; i < 6; i++) {
            tally.count("own", HIGH, CRITICAL);
        }
        for (int i = 0; i < 3; i++) {
            tally.count("other", HIGH, CRITICAL);
        }
        for (int i = 0; i < 7; i++) {
            tally.count("own", MEDIUM, CRITICAL);
        }

        assertEquals(List.of(
                new RiskImpactTally.DisclosedCount(MEDIUM, CRITICAL, 7, false),
                new RiskImpactTally.DisclosedCount(HIGH, CRITICAL, null, true)), tally.allOrganisations(),
                "7 are all the caller's own (nothing of others to give away); 9 - 6 = 3 others would show");
    }

    @Test
    void acrossOrganisationsEnoughOfEveryoneIsShown() {
        var tally = new RiskImpactTally("own", 5);
        for (int i = 0; i < 5; i++) {
            tally.count("own", null, HIGH);
            tally.count("other", null, HIGH);
        }
        assertEquals(List.of(new RiskImpactTally.DisclosedCount(null, HIGH, 10, false)), tally.allOrganisations());
    }
}
