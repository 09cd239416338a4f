-- The change feed (GET /api/v1/changes): a row per change of a case, for the organisation that sees it. A row is
-- written with its change; the feed's sequencer gives it a position after commit, one batch at a time under a lock,
-- so a position is never taken behind one a reader has already passed (ids are taken in insert order, not commit
-- order). Nothing here is personal data.
CREATE SEQUENCE case_change_position;

CREATE TABLE case_change (
    id            BIGSERIAL   PRIMARY KEY,
    position      BIGINT      UNIQUE,
    organisation  TEXT        NOT NULL,
    case_id       UUID        NOT NULL,
    type          TEXT        NOT NULL,
    revision      INTEGER     NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX case_change_unsequenced ON case_change (id) WHERE position IS NULL;
CREATE INDEX case_change_by_organisation ON case_change (organisation, position) WHERE position IS NOT NULL;

-- Cases of before the feed enter it once, as they stand.
INSERT INTO case_change (organisation, case_id, type, revision, changed_at)
SELECT organisation, id, 'OPENED', revision, created_at FROM case_file ORDER BY created_at, id;
