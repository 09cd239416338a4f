-- case-service's own copy of every published country policy version, from corridor.policy-events,
-- so that risk is scored without calling policy-service. The version is kept whole as published.
CREATE TABLE known_policy (
    version_id   UUID        PRIMARY KEY,
    country      TEXT        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    valid_from   DATE        NOT NULL,
    valid_to     DATE,
    recorded_at  TIMESTAMPTZ NOT NULL,
    risk_level   TEXT        NOT NULL,
    version      JSONB       NOT NULL
);

CREATE INDEX known_policy_by_country ON known_policy (country, valid_from);
