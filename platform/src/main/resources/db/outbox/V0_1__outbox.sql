-- Events a service publishes, written in the same transaction as the change they describe.
-- The relay publishes them in id order and marks them published; nothing here is personal data.
CREATE TABLE outbox_event (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    record_key    TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    subject       TEXT,
    payload       JSONB       NOT NULL,
    request_id    TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);

CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
