-- Which tables' tallies changed: the projection gives a table a new revision in the transaction that changes its
-- tallies, and report-service protects a table again when its revision moves, never on a read. Revisions come from
-- a sequence, so a table emptied and filled again (a replay) never gets back a revision it had.
CREATE SEQUENCE tally_revision_seq;

CREATE TABLE tally_revision (
    statistic  TEXT   NOT NULL,
    scope      TEXT   NOT NULL,
    revision   BIGINT NOT NULL,
    PRIMARY KEY (statistic, scope)
);

INSERT INTO tally_revision (statistic, scope, revision)
SELECT statistic, scope, nextval('tally_revision_seq') FROM tally GROUP BY statistic, scope;
