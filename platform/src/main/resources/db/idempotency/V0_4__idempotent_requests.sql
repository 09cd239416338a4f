-- Requests sent with an Idempotency-Key: a retry with the same key and body answers what the first created.
-- scope is whose keys they are (an organisation, or a caller); request_hash is SHA-256 of the request body.
CREATE TABLE idempotent_request (
    operation     TEXT        NOT NULL,
    scope         TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    resource_id   UUID        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (operation, scope, key)
);
