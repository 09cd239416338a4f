-- a case's journey is read in the order it happened; sequence keeps the order it was recorded in within a day
CREATE INDEX journey_entry_by_date ON journey_entry (case_id, event_date, sequence);
