-- Policy changes waiting to be applied to the cases they concern. A country can hold thousands of active cases,
-- so they are re-scored in batches, each its own transaction, and the job remembers how far it got.
CREATE TABLE risk_rescore_job (
    id           BIGSERIAL   PRIMARY KEY,
    country      TEXT        NOT NULL,
    summary      TEXT        NOT NULL,
    after_case   UUID,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
