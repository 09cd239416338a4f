package org.corridor.platform.events;

/** The topics the services share and the event types consumers pick from them (each producer's asyncapi.yaml). */
public final class CorridorTopics {

    public static final String CASE_EVENTS = "corridor.case-events";
    public static final String POLICY_EVENTS = "corridor.policy-events";

    /** Every type case-service publishes starts with this; each carries the case's whole present state. */
    public static final String CASE_EVENT_TYPE_PREFIX = "org.corridor.case.";
    public static final String POLICY_PUBLISHED = "org.corridor.policy.published";

    private CorridorTopics() {
    }

    /** Where a consumer of {@code topic} puts the records it cannot apply (see {@link DeadLetters}). */
    public static String deadLetterOf(String topic) {
        return topic + ".dead-letter";
    }
}
