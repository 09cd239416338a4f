package org.corridor.cases.domain;

import org.corridor.platform.cases.JourneyKind;
import org.corridor.platform.json.KebabCaseEnums;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a case stands. Journey events move it as DESIGN.md's table says; anything else is refused with the reason.
 */
public enum CaseStatus {
    OPEN, IN_TRANSIT, DETAINED, HANDED_OVER, LOST_CONTACT, RESETTLED, REPATRIATED, CLOSED;

    private static final Set<CaseStatus> ACTIVE = EnumSet.of(OPEN, IN_TRANSIT, DETAINED, HANDED_OVER, LOST_CONTACT);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    /** The status after a journey event of this kind, or a refusal that says why it cannot happen now. */
    public CaseStatus after(JourneyKind kind) {
        return switch (kind) {
            case DEPARTED, ENTERED_COUNTRY -> from(kind, EnumSet.of(OPEN, IN_TRANSIT, LOST_CONTACT), IN_TRANSIT);
            case DETAINED -> from(kind, EnumSet.of(OPEN, IN_TRANSIT, LOST_CONTACT), DETAINED);
            case FINED -> from(kind, EnumSet.of(IN_TRANSIT, DETAINED), this);
            case RELEASED -> from(kind, EnumSet.of(DETAINED), IN_TRANSIT);
            case HANDED_TO_EMBASSY -> from(kind, EnumSet.of(IN_TRANSIT, DETAINED), HANDED_OVER);
            case ARRIVED -> from(kind, EnumSet.of(IN_TRANSIT, HANDED_OVER), RESETTLED);
            case REPATRIATED -> from(kind, ACTIVE, REPATRIATED);
            case LOST_CONTACT -> from(kind, ACTIVE, LOST_CONTACT);
        };
    }

    private CaseStatus from(JourneyKind kind, Set<CaseStatus> allowed, CaseStatus next) {
        if (!allowed.contains(this)) {
            throw new StatusTransitionRefused("A case that is " + KebabCaseEnums.code(this) + " cannot record '"
                    + KebabCaseEnums.code(kind) + "': that needs a case that is "
                    + String.join(" or ", allowed.stream().map(KebabCaseEnums::code).toList()) + ".");
        }
        return next;
    }
}
