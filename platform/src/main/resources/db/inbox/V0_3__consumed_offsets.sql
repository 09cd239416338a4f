-- Where each partition's consumption stands, written in the same transaction as the events' effects, so the
-- database alone says what has been applied: a database restored from a backup resumes from its own position, and an
-- empty one (a read model being rebuilt) reads every topic again from the start.
CREATE TABLE consumed_offset (
    topic        TEXT    NOT NULL,
    partition    INTEGER NOT NULL,
    next_offset  BIGINT  NOT NULL,
    PRIMARY KEY (topic, partition)
);
