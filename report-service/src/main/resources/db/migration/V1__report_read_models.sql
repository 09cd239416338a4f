-- report-service's read models, built only from corridor.case-events and corridor.policy-events.
-- No personal data and no alias: codes, counts, months and country codes only.

-- What report-service keeps of each case (org.corridor.report.domain.CaseFigures as JSON): its present state as
-- codes and counts, and the journey events the reports count, to the month. Replaced only by a later revision.
CREATE TABLE case_figures (
    case_id   UUID   PRIMARY KEY,
    revision  BIGINT NOT NULL,
    figures   JSONB  NOT NULL
);

-- Running totals of every cell and total of every report, per organisation and for all organisations (scope '*'),
-- changed in the transaction of each event: the people in a cell and the distinct cases they belong to. Changes are
-- upserted as signed deltas, which a CHECK on the columns would refuse before the conflict turns them into updates.
CREATE TABLE tally (
    statistic   TEXT   NOT NULL,
    scope       TEXT   NOT NULL,
    row_key     TEXT   NOT NULL,
    column_key  TEXT   NOT NULL,
    people      BIGINT NOT NULL,
    cases       BIGINT NOT NULL,
    PRIMARY KEY (statistic, scope, row_key, column_key)
);

-- The time of the latest event applied, for all case events, for each organisation's, and for policy events:
-- how current a report is.
CREATE TABLE event_clock (
    stream         TEXT        PRIMARY KEY,
    last_event_at  TIMESTAMPTZ NOT NULL
);

-- Published country policy versions, as policy-service publishes them (the practice codes only).
CREATE TABLE policy_version (
    id                   UUID        PRIMARY KEY,
    country              TEXT        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    valid_from           DATE        NOT NULL,
    valid_to             DATE,
    recorded_at          TIMESTAMPTZ NOT NULL,
    risk_level           TEXT        NOT NULL,
    refugee_recognition  TEXT        NOT NULL,
    repatriation         TEXT        NOT NULL,
    detention            TEXT        NOT NULL,
    embassy_handover     TEXT        NOT NULL
);

CREATE INDEX policy_version_by_country ON policy_version (country, valid_from);
