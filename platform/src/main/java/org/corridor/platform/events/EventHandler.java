package org.corridor.platform.events;

import io.cloudevents.CloudEvent;

/**
 * Applies the events of one topic to a service's own tables. {@link #handle} runs in the transaction that records
 * the event as processed, and is not called again for an event already applied.
 */
public interface EventHandler {

    String topic();

    void handle(CloudEvent event);
}
