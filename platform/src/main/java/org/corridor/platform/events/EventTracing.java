package org.corridor.platform.events;

import io.cloudevents.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries W3C trace context across the broker (the CloudEvents distributed-tracing extension): an event written
 * during a request or while applying another event records the current {@code traceparent} and {@code tracestate},
 * and a consumer applies it in a span that continues that trace, with its trace id in every log line meanwhile.
 */
@ApplicationScoped
public class EventTracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The MDC keys Quarkus' OpenTelemetry extension uses for HTTP requests, so log lines read alike either way. */
    static final String TRACE_ID_MDC_KEY = "traceId";
    static final String SPAN_ID_MDC_KEY = "spanId";

    /** Lower case, so that an environment variable can switch its debug lines on (QUARKUS_LOG_CATEGORY__ORG_CORRIDOR_EVENTS_TRACING__LEVEL). */
    public static final String LOG_CATEGORY = "org.corridor.events.tracing";

    private static final Logger LOG = Logger.getLogger(LOG_CATEGORY);
    private static final TextMapGetter<CloudEvent> EXTENSIONS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CloudEvent event) {
            return event.getExtensionNames();
        }

        @Override
        public String get(CloudEvent event, String key) {
            Object value = event == null ? null : event.getExtension(key);
            return value == null ? null : value.toString();
        }
    };

    private static final TextMapGetter<TraceContext> RECORDED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext recorded) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext recorded, String key) {
            if (recorded == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? recorded.traceparent() : TRACESTATE.equals(key) ? recorded.tracestate() : null;
        }
    };

    private final Tracer tracer;

    public EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The trace context of the current span, as an event written now carries it; both null outside any trace. */
    public static TraceContext current() {
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        return new TraceContext(headers.get(TRACEPARENT), headers.get(TRACESTATE));
    }

    /**
     * Makes applying {@code event} the current span, a child of the span that wrote it (a new trace when the event
     * carries none), until the returned scope is closed.
     */
    public Applying applying(String topic, CloudEvent event) {
        Context written = W3CTraceContextPropagator.getInstance().extract(Context.root(), event, EXTENSIONS);
        return start(tracer.spanBuilder("process " + topic)
                .setParent(written)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("cloudevents.event_id", event.getId())
                .setAttribute("cloudevents.event_type", event.getType()));
    }

    /**
     * Makes {@code work} the current span, continuing a trace context recorded earlier with {@link #current()} (work
     * left in a table for later, say), until the returned scope is closed.
     */
    public Applying continuing(String work, TraceContext recorded) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), recorded, RECORDED);
        return start(tracer.spanBuilder(work).setParent(parent).setSpanKind(SpanKind.INTERNAL));
    }

    private static Applying start(SpanBuilder builder) {
        Span span = builder.startSpan();
        Scope scope = span.makeCurrent();
        Object previousTraceId = MDC.get(TRACE_ID_MDC_KEY);
        Object previousSpanId = MDC.get(SPAN_ID_MDC_KEY);
        MDC.put(TRACE_ID_MDC_KEY, span.getSpanContext().getTraceId());
        MDC.put(SPAN_ID_MDC_KEY, span.getSpanContext().getSpanId());
        return () -> {
            restore(TRACE_ID_MDC_KEY, previousTraceId);
            restore(SPAN_ID_MDC_KEY, previousSpanId);
            scope.close();
            span.end();
        };
    }

    /**
     * For events a batch handler applies together (one transaction, no span of their own): one debug line per event,
     * under that event's trace id, so that a trace can still be followed into the batch that applied it.
     */
    public void applyingTogether(String topic, List<CloudEvent> events) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        for (CloudEvent event : events) {
            try (Applying ignored = applying(topic, event)) {
                LOG.debugf("applying event %s (%s) with %d others of the same poll", event.getId(), event.getType(), events.size() - 1);
            }
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** The W3C {@code traceparent} and {@code tracestate} values of a span, each null when absent. */
    public record TraceContext(String traceparent, String tracestate) {
    }

    /** A span made current by this class; closing it ends the span and restores the log context. */
    public interface Applying extends AutoCloseable {
        @Override
        void close();
    }
}
