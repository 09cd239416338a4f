package org.corridor.cases.event;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.service.RiskAlerts;
import org.jboss.logging.Logger;

/** Works off the re-scoring that policy events leave behind, a batch per transaction, until none is left. */
@ApplicationScoped
public class RiskRescoreWorker {

    private static final Logger LOG = Logger.getLogger(RiskRescoreWorker.class);

    private final RiskAlerts riskAlerts;
    private final CaseConfig config;

    public RiskRescoreWorker(RiskAlerts riskAlerts, CaseConfig config) {
        this.riskAlerts = riskAlerts;
        this.config = config;
    }

    // the scheduler looks at its triggers once a second, so a shorter interval would not run more often
    @Scheduled(identity = "risk-rescore", every = "${corridor.cases.rescore.every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        try {
            while (riskAlerts.rescoreNextBatch(config.rescore().batchSize())) {
                // keep going while batches remain
            }
        } catch (RuntimeException e) {
            // only the type: a message could name a case
            LOG.errorf("re-scoring cases failed (%s); the next run retries", e.getClass().getName());
        }
    }
}
