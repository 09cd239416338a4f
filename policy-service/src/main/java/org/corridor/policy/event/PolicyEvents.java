package org.corridor.policy.event;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.OutboxWriter;
import org.corridor.policy.domain.PolicyVersion;
import org.corridor.policy.rest.PolicyMapper;

/** The events policy-service publishes on {@code corridor.policy-events}, keyed by country code. */
@ApplicationScoped
public class PolicyEvents {

    private final OutboxWriter outbox;

    public PolicyEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Records, in the publishing transaction, that a version was published; the data is the full version. */
    public void published(PolicyVersion version) {
        outbox.append(CorridorTopics.POLICY_EVENTS, version.country, CorridorTopics.POLICY_PUBLISHED, version.id.toString(), PolicyMapper.view(version));
    }
}
