-- Ids of the events a consumer has applied, recorded in the same transaction as their effect,
-- so that a redelivered or replayed event changes nothing.
CREATE TABLE processed_event (
    event_id      UUID        PRIMARY KEY,
    type          TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
