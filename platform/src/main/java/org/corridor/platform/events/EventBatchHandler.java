package org.corridor.platform.events;

import io.cloudevents.CloudEvent;

import java.util.List;

/**
 * An {@link EventHandler} that applies the events of one poll together, in order, in the transaction that records them
 * as processed: a read model built from a long topic then costs a few statements per poll instead of a few per event.
 */
public interface EventBatchHandler extends EventHandler {

    void handleAll(List<CloudEvent> events);

    @Override
    default void handle(CloudEvent event) {
        handleAll(List.of(event));
    }
}
