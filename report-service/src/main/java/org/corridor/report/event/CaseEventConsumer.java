package org.corridor.report.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.events.CorridorTopics;
import org.corridor.platform.events.EventBatchHandler;
import org.corridor.platform.events.EventData;
import org.corridor.report.domain.CaseState;
import org.corridor.report.service.ProjectionService;

import java.util.List;

/**
 * Builds the case figures from {@code corridor.case-events}. Every case event carries the case's whole present state,
 * so each one is applied the same way whatever its type.
 */
@ApplicationScoped
public class CaseEventConsumer implements EventBatchHandler {

    private final ProjectionService projection;
    private final ObjectMapper objectMapper;

    public CaseEventConsumer(ProjectionService projection, ObjectMapper objectMapper) {
        this.projection = projection;
        this.objectMapper = objectMapper;
    }

    @Override
    public String topic() {
        return CorridorTopics.CASE_EVENTS;
    }

    @Override
    public void handleAll(List<CloudEvent> events) {
        projection.applyAll(events.stream()
                .filter(event -> event.getType().startsWith(CorridorTopics.CASE_EVENT_TYPE_PREFIX) && event.getData() != null)
                .map(event -> new ProjectionService.CaseEvent(EventData.read(event, CaseState.class, objectMapper),
                        event.getTime()))
                .toList());
    }
}
