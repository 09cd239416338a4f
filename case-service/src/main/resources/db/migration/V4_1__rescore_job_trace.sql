-- The trace context of the policy event that left the job, so that the re-scoring, its alerts and its
-- case.risk-changed events continue that event's trace (org.corridor.platform.events.EventTracing).
ALTER TABLE risk_rescore_job ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
