-- Tallies name whose figures they hold as 'all' or 'org:' and the organisation (before: '*' or the bare name), so no
-- organisation's key can ever equal the key of all organisations.
UPDATE tally
SET scope = CASE WHEN scope = '*' THEN 'all' ELSE 'org:' || scope END
WHERE scope <> 'all' AND scope NOT LIKE 'org:%';
