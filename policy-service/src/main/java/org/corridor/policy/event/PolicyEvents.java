package org.corridor.policy.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.events.OutboxWriter;
import org.corridor.policy.domain.PolicyVersion;
import org.corridor.policy.rest.PolicyMapper;

/** The events policy-service publishes on {@code corridor.policy-events}, keyed by country code. */
@ApplicationScoped
public class PolicyEvents {

    public static final String TOPIC = "corridor.policy-events";
    public static final String PUBLISHED = "org.corridor.policy.published";

    private final OutboxWriter outbox;

    public PolicyEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Records, in the publishing transaction, that a version was published; the data is the full version. */
    public void published(PolicyVersion version) {
        outbox.append(TOPIC, version.country, PUBLISHED, version.id.toString(), PolicyMapper.view(version));
    }
}
