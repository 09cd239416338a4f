package org.corridor.cases.imports.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.work.DrainingRuns;
import org.jboss.logging.Logger;

/**
 * Works off the spooled chunks of imports, a chunk per transaction, until none is left: at once when a chunk is
 * spooled, and on a schedule as well, which takes up an import whose service stopped part-way (after a restart, or on
 * another instance) and gives up the uploads that stalled.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);

    private final ImportBatches batches;
    private final CaseConfig config;
    private final DrainingRuns runs = new DrainingRuns();

    public ImportWorker(ImportBatches batches, CaseConfig config) {
        this.batches = batches;
        this.config = config;
    }

    /** A chunk is waiting: work it off on a thread of its own, as the upload goes on. */
    void wake() {
        Thread.ofVirtual().name("case-import").start(this::drain);
    }

    @Scheduled(identity = "case-imports", every = "${corridor.cases.imports.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        try {
            int failed = batches.failStalled(config.imports().abandonedAfter());
            if (failed > 0) {
                LOG.warnf("%d imports failed: their upload stalled for %s", failed, config.imports().abandonedAfter());
            }
        } catch (RuntimeException e) {
            LOG.errorf("giving up stalled imports failed (%s); the next run retries", e.getClass().getName());
        }
        drain();
    }

    private void drain() {
        try {
            runs.run(() -> {
                while (batches.importNextChunk()) {
                    // keep going while chunks remain
                }
            });
        } catch (RuntimeException e) {
            // only the type: a message could quote a line
            LOG.errorf("importing cases failed (%s); the next run retries", e.getClass().getName());
        }
    }
}
