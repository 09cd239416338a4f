package org.corridor.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/** CloudEvents 1.0 in structured mode: the whole event, attributes and JSON data, as one JSON document. */
public final class CloudEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE + "; charset=UTF-8";
    public static final String REQUEST_ID_EXTENSION = "requestid";

    private static final JsonFormat FORMAT = new JsonFormat();

    private CloudEventCodec() {
    }

    /** An event written outside any trace. */
    public static byte[] encode(String id, String source, String type, String subject, OffsetDateTime time,
                                String requestId, String jsonData) {
        return encode(id, source, type, subject, time, requestId, null, null, jsonData);
    }

    /** {@code traceparent} and {@code tracestate}, when present, go on as the distributed-tracing extension. */
    public static byte[] encode(String id, String source, String type, String subject, OffsetDateTime time,
                                String requestId, String traceparent, String tracestate, String jsonData) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(source))
                .withType(type)
                .withTime(time)
                .withDataContentType("application/json")
                .withData(jsonData.getBytes(StandardCharsets.UTF_8));
        if (subject != null) {
            builder.withSubject(subject);
        }
        if (requestId != null) {
            builder.withExtension(REQUEST_ID_EXTENSION, requestId);
        }
        if (traceparent != null) {
            builder.withExtension(EventTracing.TRACEPARENT, traceparent);
        }
        if (tracestate != null) {
            builder.withExtension(EventTracing.TRACESTATE, tracestate);
        }
        return FORMAT.serialize(builder.build());
    }

    public static CloudEvent decode(byte[] value) {
        return FORMAT.deserialize(value);
    }
}
