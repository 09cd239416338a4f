-- Processed-event ids are deleted once older than corridor.event-retention.processed-events (EventRetention): this
-- index finds them without reading the whole table.
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
