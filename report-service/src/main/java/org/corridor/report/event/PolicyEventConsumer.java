package org.corridor.report.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.EventData;
import org.corridor.platform.events.EventHandler;
import org.corridor.report.domain.PolicyVersion;
import org.corridor.report.service.ProjectionService;

/** Keeps report-service's copy of published country policies from {@code corridor.policy-events}. */
@ApplicationScoped
public class PolicyEventConsumer implements EventHandler {

    private final ProjectionService projection;
    private final ObjectMapper objectMapper;

    public PolicyEventConsumer(ProjectionService projection, ObjectMapper objectMapper) {
        this.projection = projection;
        this.objectMapper = objectMapper;
    }

    @Override
    public String topic() {
        return CorridorTopics.POLICY_EVENTS;
    }

    @Override
    public void handle(CloudEvent event) {
        if (!CorridorTopics.POLICY_PUBLISHED.equals(event.getType()) || event.getData() == null) {
            return;
        }
        projection.apply(EventData.read(event, PolicyVersion.class, objectMapper), event.getTime());
    }
}
