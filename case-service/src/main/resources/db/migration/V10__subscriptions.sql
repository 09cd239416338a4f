-- Webhook subscriptions: an organisation's endpoint that alerts are pushed to. The signing secret is sealed with the
-- organisation's key (as personal fields are), under the key id that sealed it.
CREATE TABLE webhook_subscription (
    id             UUID        PRIMARY KEY,
    organisation   TEXT        NOT NULL,
    url            TEXT        NOT NULL,
    events         TEXT[]      NOT NULL,
    secret_key_id  TEXT        NOT NULL,
    secret         BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    ended_at       TIMESTAMPTZ
);

CREATE INDEX webhook_subscription_by_organisation ON webhook_subscription (organisation, created_at, id);

-- One row per message and subscription, written in the transaction that raised the alert, so none is lost. The body
-- (codes only, never personal data) is kept as sent, so every attempt signs and sends the same bytes. Deliveries of
-- a subscription go out in position order, each only once every earlier one is delivered or given up.
CREATE TABLE webhook_delivery (
    id               UUID        PRIMARY KEY,
    position         BIGSERIAL   NOT NULL,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscription (id),
    event_type       TEXT        NOT NULL,
    alert_id         UUID        NOT NULL,
    case_id          UUID        NOT NULL,
    body             TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    last_attempt_at  TIMESTAMPTZ,
    next_attempt_at  TIMESTAMPTZ
);

CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, created_at, id);
CREATE INDEX webhook_delivery_pending ON webhook_delivery (subscription_id, position) WHERE status = 'PENDING';
