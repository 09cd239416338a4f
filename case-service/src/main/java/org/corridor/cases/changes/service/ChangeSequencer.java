package org.corridor.cases.changes.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.changes.repository.CaseChangeRepository;
import org.corridor.cases.work.FailureLog;
import org.jboss.logging.Logger;

/**
 * Gives committed changes their place in the feed. Positions taken when a change is written would follow the order
 * of inserts, not of commits, so a reader could pass a position that a slower transaction commits later; given here,
 * after commit and one batch at a time, every new position lies after all that a reader can have seen. When the
 * database is away nothing is given and the next run tries again.
 */
@ApplicationScoped
public class ChangeSequencer {

    private static final Logger LOG = Logger.getLogger(ChangeSequencer.class);
    private static final int BATCH = 10_000;

    private final CaseChangeRepository changes;
    private final FailureLog failures = new FailureLog(LOG, "sequencing changes");

    public ChangeSequencer(CaseChangeRepository changes) {
        this.changes = changes;
    }

    @Scheduled(identity = "change-sequencer", every = "${corridor.cases.changes.sequence-every:PT0.2S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sequenceCommitted() {
        try {
            while (QuarkusTransaction.requiringNew().call(() -> changes.sequence(BATCH)) == BATCH) {
                // more were waiting than one batch takes
            }
            failures.worked();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }
}
