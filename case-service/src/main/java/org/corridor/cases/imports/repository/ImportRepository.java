package org.corridor.cases.imports.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.corridor.cases.imports.domain.ImportChunk;
import org.corridor.cases.imports.domain.ImportCounts;
import org.corridor.cases.imports.domain.ImportJob;
import org.corridor.cases.imports.domain.LineError;
import org.corridor.platform.problem.Problem;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Imports, their spooled chunks and their errors, in plain SQL on the transaction's connection. */
@ApplicationScoped
public class ImportRepository {

    private static final String JOB_COLUMNS = """
            id, organisation, actor, request_id, state, key_id, lines, created, replayed, rejected, started_at, updated_at""";

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    public ImportRepository(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    public void insert(ImportJob job) {
        work(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO case_import (id, organisation, actor, request_id, state, key_id, started_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, job.id());
                insert.setString(2, job.organisation());
                insert.setString(3, job.actor());
                insert.setString(4, job.requestId());
                insert.setString(5, job.state().name());
                insert.setString(6, job.keyId());
                insert.setTimestamp(7, Timestamp.from(job.startedAt()));
                insert.setTimestamp(8, Timestamp.from(job.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    /** Spools a chunk of an import still receiving; false when the import is no longer receiving. */
    public boolean spool(ImportChunk chunk, Instant now) {
        return work(connection -> {
            try (var touch = connection.prepareStatement(
                    "UPDATE case_import SET updated_at = ? WHERE id = ? AND state = 'RECEIVING'")) {
                touch.setTimestamp(1, Timestamp.from(now));
                touch.setObject(2, chunk.importId());
                if (touch.executeUpdate() == 0) {
                    return false;
                }
            }
            try (var insert = connection.prepareStatement("""
                    INSERT INTO case_import_chunk (import_id, sequence, first_line, content, too_long) VALUES (?, ?, ?, ?, ?)""")) {
                insert.setObject(1, chunk.importId());
                insert.setInt(2, chunk.sequence());
                insert.setLong(3, chunk.firstLine());
                insert.setBytes(4, chunk.content());
                insert.setArray(5, connection.createArrayOf("bigint", Arrays.stream(chunk.tooLong()).boxed().toArray()));
                insert.executeUpdate();
                return true;
            }
        });
    }

    /** The next chunk no other transaction is importing, locked until this one ends. */
    public Optional<ImportChunk> lockNextChunk() {
        return work(connection -> {
            try (var next = connection.prepareStatement("""
                    SELECT import_id, sequence, first_line, content, too_long FROM case_import_chunk
                    ORDER BY import_id, sequence LIMIT 1 FOR UPDATE SKIP LOCKED""");
                 var rows = next.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Long[] tooLong = (Long[]) rows.getArray(5).getArray();
                return Optional.of(new ImportChunk(rows.getObject(1, UUID.class), rows.getInt(2), rows.getLong(3),
                        rows.getBytes(4), Arrays.stream(tooLong).mapToLong(Long::longValue).toArray()));
            }
        });
    }

    public void deleteChunk(ImportChunk chunk) {
        work(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM case_import_chunk WHERE import_id = ? AND sequence = ?")) {
                delete.setObject(1, chunk.importId());
                delete.setInt(2, chunk.sequence());
                return delete.executeUpdate();
            }
        });
    }

    public ImportJob job(UUID id) {
        return work(connection -> {
            try (var select = connection.prepareStatement("SELECT " + JOB_COLUMNS + " FROM case_import WHERE id = ?")) {
                select.setObject(1, id);
                try (var rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("an import chunk without its import");
                    }
                    return job(rows);
                }
            }
        });
    }

    public Optional<ImportJob> find(UUID id, String organisation) {
        return work(connection -> {
            try (var select = connection.prepareStatement(
                    "SELECT " + JOB_COLUMNS + " FROM case_import WHERE id = ? AND organisation = ?")) {
                select.setObject(1, id);
                select.setString(2, organisation);
                try (var rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(job(rows)) : Optional.<ImportJob>empty();
                }
            }
        });
    }

    /**
     * Adds what some lines came to, and completes the import if all of it has been received and no chunk is left (this
     * transaction's chunk deleted before). Answers the state it is in now. Against {@link #received} in another
     * transaction: whichever updates the import second sees the other's change and completes it.
     */
    public ImportJob.State count(UUID id, ImportCounts counts, Instant now) {
        return work(connection -> {
            try (var update = connection.prepareStatement("""
                    UPDATE case_import SET lines = lines + ?, created = created + ?, replayed = replayed + ?,
                        rejected = rejected + ?, updated_at = ?,
                        state = CASE WHEN state = 'RECEIVED' AND NOT EXISTS (SELECT 1 FROM case_import_chunk WHERE import_id = case_import.id)
                                     THEN 'COMPLETED' ELSE state END
                    WHERE id = ? RETURNING state""")) {
                update.setLong(1, counts.lines());
                update.setLong(2, counts.created());
                update.setLong(3, counts.replayed());
                update.setLong(4, counts.rejected());
                update.setTimestamp(5, Timestamp.from(now));
                update.setObject(6, id);
                try (var rows = update.executeQuery()) {
                    rows.next();
                    return ImportJob.State.valueOf(rows.getString(1));
                }
            }
        });
    }

    /** All of the file has arrived: the import is received, or completed when nothing of it is left to import. */
    public ImportJob.State received(UUID id, Instant now) {
        return work(connection -> {
            // the lock first: the statement after it sees the chunks as the worker holding the lock left them
            try (var lock = connection.prepareStatement("SELECT 1 FROM case_import WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, id);
                lock.executeQuery().close();
            }
            try (var update = connection.prepareStatement("""
                    UPDATE case_import SET updated_at = ?,
                        state = CASE WHEN EXISTS (SELECT 1 FROM case_import_chunk WHERE import_id = case_import.id) THEN 'RECEIVED'
                                     ELSE 'COMPLETED' END
                    WHERE id = ? AND state = 'RECEIVING' RETURNING state""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setObject(2, id);
                try (var rows = update.executeQuery()) {
                    return rows.next() ? ImportJob.State.valueOf(rows.getString(1)) : ImportJob.State.FAILED;
                }
            }
        });
    }

    /** Fails an import still receiving, its upload broken off, and drops what of it is not imported yet. */
    public void fail(UUID id, Instant now) {
        failReceiving("id = ?", id, now);
    }

    /**
     * Fails the imports still receiving whose upload was last heard of before {@code stalledSince}: the service that
     * received them stopped. Answers how many failed.
     */
    public int failStalled(Instant stalledSince, Instant now) {
        return failReceiving("updated_at < ?", Timestamp.from(stalledSince), now);
    }

    private int failReceiving(String which, Object value, Instant now) {
        return work(connection -> {
            try (var fail = connection.prepareStatement("""
                    WITH failed AS (
                        UPDATE case_import SET state = 'FAILED', updated_at = ? WHERE state = 'RECEIVING' AND %s RETURNING id),
                    dropped AS (DELETE FROM case_import_chunk WHERE import_id IN (SELECT id FROM failed))
                    SELECT count(*) FROM failed""".formatted(which))) {
                fail.setTimestamp(1, Timestamp.from(now));
                fail.setObject(2, value);
                try (var rows = fail.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    public void addErrors(UUID id, List<LineError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        work(connection -> {
            try (var insert = connection.prepareStatement(
                    "INSERT INTO case_import_error (import_id, line, problem) VALUES (?, ?, CAST(? AS jsonb))")) {
                for (LineError error : errors) {
                    insert.setObject(1, id);
                    insert.setLong(2, error.line());
                    insert.setString(3, json(error.problem()));
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }

    public List<LineError> errors(UUID id) {
        return work(connection -> {
            try (var select = connection.prepareStatement(
                    "SELECT line, problem FROM case_import_error WHERE import_id = ? ORDER BY line LIMIT " + ImportJob.KEPT_ERRORS)) {
                select.setObject(1, id);
                List<LineError> errors = new ArrayList<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        errors.add(new LineError(rows.getLong(1), problem(rows.getString(2))));
                    }
                }
                return errors;
            }
        });
    }

    private static ImportJob job(ResultSet rows) throws SQLException {
        return new ImportJob(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getString(4),
                ImportJob.State.valueOf(rows.getString(5)), rows.getString(6), rows.getLong(7), rows.getLong(8),
                rows.getLong(9), rows.getLong(10), rows.getTimestamp(11).toInstant(), rows.getTimestamp(12).toInstant());
    }

    private <T> T work(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    private String json(Problem problem) {
        try {
            return objectMapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Problem problem(String json) {
        try {
            return objectMapper.readValue(json, Problem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored import error is not readable", e);
        }
    }
}
