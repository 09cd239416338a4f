-- Offers name only organisations Corridor has seen, can be withdrawn, and lapse.
CREATE TABLE known_organisation (
    name           TEXT        PRIMARY KEY,
    first_seen_at  TIMESTAMPTZ NOT NULL
);

INSERT INTO known_organisation (name, first_seen_at)
SELECT organisation, min(created_at) FROM case_file GROUP BY organisation
ON CONFLICT DO NOTHING;

ALTER TABLE case_transfer ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE case_transfer SET expires_at = offered_at + INTERVAL '14 days';
ALTER TABLE case_transfer ALTER COLUMN expires_at SET NOT NULL;
