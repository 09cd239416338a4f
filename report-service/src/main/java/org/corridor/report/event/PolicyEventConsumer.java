package org.corridor.report.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.events.EventHandler;
import org.corridor.report.domain.PolicyVersion;
import org.corridor.report.service.ProjectionService;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Keeps report-service's copy of published country policies from {@code corridor.policy-events}. */
@ApplicationScoped
public class PolicyEventConsumer implements EventHandler {

    static final String POLICY_PUBLISHED = "org.corridor.policy.published";

    private final ProjectionService projection;
    private final ObjectMapper objectMapper;

    public PolicyEventConsumer(ProjectionService projection, ObjectMapper objectMapper) {
        this.projection = projection;
        this.objectMapper = objectMapper;
    }

    @Override
    public String topic() {
        return "corridor.policy-events";
    }

    @Override
    public void handle(CloudEvent event) {
        if (!POLICY_PUBLISHED.equals(event.getType()) || event.getData() == null) {
            return;
        }
        try {
            projection.apply(objectMapper.readValue(event.getData().toBytes(), PolicyVersion.class), event.getTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
