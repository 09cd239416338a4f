package org.corridor.report.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.platform.events.EventHandler;
import org.corridor.report.domain.CaseState;
import org.corridor.report.service.ProjectionService;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds the case figures from {@code corridor.case-events}. Every case event carries the case's whole present state,
 * so each one is applied the same way whatever its type.
 */
@ApplicationScoped
public class CaseEventConsumer implements EventHandler {

    static final String TYPE_PREFIX = "org.corridor.case.";

    private final ProjectionService projection;
    private final ObjectMapper objectMapper;

    public CaseEventConsumer(ProjectionService projection, ObjectMapper objectMapper) {
        this.projection = projection;
        this.objectMapper = objectMapper;
    }

    @Override
    public String topic() {
        return "corridor.case-events";
    }

    @Override
    public void handle(CloudEvent event) {
        if (!event.getType().startsWith(TYPE_PREFIX) || event.getData() == null) {
            return;
        }
        try {
            projection.apply(objectMapper.readValue(event.getData().toBytes(), CaseState.class), event.getTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
