package org.corridor.cases.event;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.service.RiskAlerts;
import org.corridor.cases.work.DrainingRuns;
import org.jboss.logging.Logger;

/**
 * Works off the re-scoring that policy events leave behind, a batch per transaction, until none is left: at once when
 * a policy event's transaction commits, and on a schedule as well, which takes up whatever a wake-up missed (a run
 * that failed, a job left by an instance that stopped).
 */
@ApplicationScoped
public class RiskRescoreWorker {

    private static final Logger LOG = Logger.getLogger(RiskRescoreWorker.class);

    private final RiskAlerts riskAlerts;
    private final CaseConfig config;
    private final DrainingRuns runs = new DrainingRuns();

    public RiskRescoreWorker(RiskAlerts riskAlerts, CaseConfig config) {
        this.riskAlerts = riskAlerts;
        this.config = config;
    }

    // the consumer's thread must not wait for the re-scoring, so it runs on a thread of its own
    void rescoreWaiting(@Observes(during = TransactionPhase.AFTER_SUCCESS) RiskAlerts.RescoreWaiting waiting) {
        Thread.ofVirtual().name("risk-rescore").start(this::work);
    }

    // the scheduler looks at its triggers once a second, so a shorter interval would not run more often
    @Scheduled(identity = "risk-rescore", every = "${corridor.cases.rescore.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        try {
            runs.run(() -> {
                while (riskAlerts.rescoreNextBatch(config.rescore().batchSize())) {
                    // keep going while batches remain
                }
            });
        } catch (RuntimeException e) {
            // only the type: a message could name a case
            LOG.errorf("re-scoring cases failed (%s); the next run retries", e.getClass().getName());
        }
    }
}
