package org.corridor.cases.support;

/** Bodies of transfer offers. */
public final class TransferOffers {

    private TransferOffers() {
    }

    /** An offer to {@code organisation} with the person's informed consent. */
    public static String to(String organisation) {
        return """
                {"toOrganisation": "%s", "consent": {"basis": "informed-consent", "recordedOn": "2026-11-01"}}"""
                .formatted(organisation);
    }
}
