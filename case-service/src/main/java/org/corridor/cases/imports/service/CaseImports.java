package org.corridor.cases.imports.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.imports.domain.ImportChunk;
import org.corridor.cases.imports.domain.ImportJob;
import org.corridor.cases.imports.domain.LineError;
import org.corridor.cases.imports.repository.ImportRepository;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.platform.problem.ProblemException;
import org.corridor.platform.request.RequestIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes an import's file as it arrives: each chunk of lines is spooled, sealed, in a transaction of its own, and the
 * worker imports it meanwhile. Once the whole file is spooled the import is accepted, and it finishes even if this
 * service stops: the spool is in the database.
 */
@ApplicationScoped
public class CaseImports {

    private final ImportRepository imports;
    private final FieldCipher cipher;
    private final ImportWorker worker;
    private final CaseConfig config;
    private final Clock clock;

    public CaseImports(ImportRepository imports, FieldCipher cipher, ImportWorker worker, CaseConfig config, Clock clock) {
        this.imports = imports;
        this.cipher = cipher;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Spools the file read from {@code body} as an import into {@code organisation} by {@code actor}, and answers the
     * import once all of it is spooled. A file without a line is a 400; a broken upload fails the import.
     */
    public ImportJob receive(String organisation, String actor, InputStream body) {
        ImportJob job = ImportJob.starting(organisation, actor, RequestIds.current(), cipher.currentKeyId(), clock.instant());
        QuarkusTransaction.requiringNew().run(() -> imports.insert(job));
        int[] sequence = {0};
        long lines;
        try {
            lines = LineChunks.read(body, config.imports().batchSize(), (int) config.imports().maxLineLength().asLongValue(),
                    chunk -> spool(job, sequence[0]++, chunk));
        } catch (IOException | RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> imports.fail(job.id(), clock.instant()));
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        if (lines == 0) {
            QuarkusTransaction.requiringNew().run(() -> imports.fail(job.id(), clock.instant()));
            throw ProblemException.badRequest("The file has no line: an import is one case per line.");
        }
        QuarkusTransaction.requiringNew().run(() -> imports.received(job.id(), clock.instant()));
        worker.wake();
        return job;
    }

    private void spool(ImportJob job, int sequence, LineChunks.Chunk chunk) {
        byte[] sealed = cipher.seal(chunkLocation(job, sequence), chunk.text());
        boolean spooled = QuarkusTransaction.requiringNew().call(() -> imports.spool(
                new ImportChunk(job.id(), sequence, chunk.firstLine(), sealed, chunk.tooLong()), clock.instant()));
        if (!spooled) {
            throw new IllegalStateException("the import was given up while its file was arriving");
        }
        worker.wake();
    }

    /**
     * Where a chunk is sealed: under the organisation's key, bound to its import and its place in it, as a case's
     * fields are bound to the case, so a chunk copied elsewhere does not open.
     */
    static FieldLocation chunkLocation(ImportJob job, int sequence) {
        return new FieldLocation(job.organisation(), job.keyId(), job.id(), "import/chunk/" + sequence);
    }

    /** An import of the organisation, with its first errors; another organisation's is not found. */
    @Transactional
    public Optional<Progress> progress(UUID id, String organisation) {
        return imports.find(id, organisation).map(job -> new Progress(job, imports.errors(id)));
    }

    public record Progress(ImportJob job, List<LineError> errors) {
    }
}
