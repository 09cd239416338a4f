-- The W3C trace context of the request (or consumed event) that wrote the event, put on the published CloudEvent
-- (distributed-tracing extension) so that its consumers continue the same trace. Ids only, never personal data.
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
