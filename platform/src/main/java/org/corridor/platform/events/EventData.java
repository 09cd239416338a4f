package org.corridor.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON data of a consumed event, read as the consumer's own type. */
public final class EventData {

    private EventData() {
    }

    /** Fails, so the event is retried rather than skipped, when the data does not read as {@code type}. */
    public static <T> T read(CloudEvent event, Class<T> type, ObjectMapper objectMapper) {
        try {
            return objectMapper.readValue(event.getData().toBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
