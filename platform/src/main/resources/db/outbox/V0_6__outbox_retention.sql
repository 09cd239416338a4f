-- Published events are deleted once older than corridor.event-retention.published-events (EventRetention): this index
-- finds them without reading the whole table.
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
