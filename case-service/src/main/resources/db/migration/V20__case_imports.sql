-- Bulk imports (POST /api/v1/cases/imports). The uploaded file is spooled here in chunks, sealed with the importing
-- organisation's key like every personal field, so an accepted import (202) survives a crash of case-service; a worker
-- turns each chunk into cases and deletes it in one transaction, so a chunk is imported exactly once.
CREATE TABLE case_import (
    id            UUID        PRIMARY KEY,
    organisation  TEXT        NOT NULL,
    actor         TEXT        NOT NULL,
    request_id    TEXT,
    -- RECEIVING while the file is uploaded, RECEIVED once all of it is spooled, then COMPLETED; FAILED when the upload broke off
    state         TEXT        NOT NULL,
    key_id        TEXT        NOT NULL,
    lines         BIGINT      NOT NULL DEFAULT 0,
    created       BIGINT      NOT NULL DEFAULT 0,
    replayed      BIGINT      NOT NULL DEFAULT 0,
    rejected      BIGINT      NOT NULL DEFAULT 0,
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX case_import_unfinished ON case_import (updated_at) WHERE state IN ('RECEIVING', 'RECEIVED');

CREATE TABLE case_import_chunk (
    import_id   UUID    NOT NULL REFERENCES case_import (id) ON DELETE CASCADE,
    sequence    INTEGER NOT NULL,
    first_line  BIGINT  NOT NULL,
    -- the chunk's lines joined by newlines, sealed; a line over the length limit is left empty and listed in too_long
    content     BYTEA   NOT NULL,
    too_long    BIGINT[] NOT NULL,
    PRIMARY KEY (import_id, sequence)
);

-- The first errors of an import, by line: a problem naming fields and rules, never the line's content.
CREATE TABLE case_import_error (
    import_id  UUID   NOT NULL REFERENCES case_import (id) ON DELETE CASCADE,
    line       BIGINT NOT NULL,
    problem    JSONB  NOT NULL,
    PRIMARY KEY (import_id, line)
);

-- The organisation's own id of each case it imported: a line naming one again is a replay, never a second case. Kept
-- with the importing organisation, so a case transferred away leaves its id behind.
CREATE TABLE case_external_id (
    organisation  TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    case_id       UUID NOT NULL,
    PRIMARY KEY (organisation, external_id)
);

CREATE INDEX case_external_id_by_case ON case_external_id (case_id);
