package org.corridor.cases.domain;

import org.corridor.platform.cases.JourneyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseStatusTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "OPEN, DEPARTED, IN_TRANSIT", "IN_TRANSIT, ENTERED_COUNTRY, IN_TRANSIT", "LOST_CONTACT, ENTERED_COUNTRY, IN_TRANSIT",
            "OPEN, DETAINED, DETAINED", "IN_TRANSIT, DETAINED, DETAINED", "LOST_CONTACT, DETAINED, DETAINED",
            "IN_TRANSIT, FINED, IN_TRANSIT", "DETAINED, FINED, DETAINED",
            "DETAINED, RELEASED, IN_TRANSIT",
            "IN_TRANSIT, HANDED_TO_EMBASSY, HANDED_OVER", "DETAINED, HANDED_TO_EMBASSY, HANDED_OVER",
            "IN_TRANSIT, ARRIVED, RESETTLED", "HANDED_OVER, ARRIVED, RESETTLED",
            "OPEN, REPATRIATED, REPATRIATED", "DETAINED, REPATRIATED, REPATRIATED", "HANDED_OVER, REPATRIATED, REPATRIATED",
            "OPEN, LOST_CONTACT, LOST_CONTACT", "DETAINED, LOST_CONTACT, LOST_CONTACT", "LOST_CONTACT, LOST_CONTACT, LOST_CONTACT"})
    void allowedMoves(CaseStatus from, JourneyKind kind, CaseStatus to) {
        assertEquals(to, from.after(kind));
    }

    @ParameterizedTest(name = "{0} + {1} is refused")
    @CsvSource({
            "RESETTLED, DETAINED", "REPATRIATED, DEPARTED", "CLOSED, LOST_CONTACT", "RESETTLED, REPATRIATED",
            "DETAINED, DEPARTED", "HANDED_OVER, DETAINED", "OPEN, FINED", "OPEN, RELEASED", "IN_TRANSIT, RELEASED",
            "OPEN, HANDED_TO_EMBASSY", "OPEN, ARRIVED", "DETAINED, ARRIVED", "LOST_CONTACT, ARRIVED"})
    void refusedMovesSayWhy(CaseStatus from, JourneyKind kind) {
        var refusal = assertThrows(StatusTransitionRefused.class, () -> from.after(kind));
        assertTrue(refusal.getMessage().startsWith("A case that is "), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("needs a case that is"), refusal.getMessage());
    }

    @Test
    void activeAndFinalStatuses() {
        for (CaseStatus active : new CaseStatus[] {CaseStatus.OPEN, CaseStatus.IN_TRANSIT, CaseStatus.DETAINED,
                CaseStatus.HANDED_OVER, CaseStatus.LOST_CONTACT}) {
            assertTrue(active.isActive(), active.name());
        }
        for (CaseStatus closed : new CaseStatus[] {CaseStatus.RESETTLED, CaseStatus.REPATRIATED, CaseStatus.CLOSED}) {
            assertFalse(closed.isActive(), closed.name());
        }
    }
}
