package org.corridor.cases.event;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.corridor.cases.service.RiskAlerts;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Works off the re-scoring that policy events leave behind, a batch per transaction, until none is left. */
@ApplicationScoped
public class RiskRescoreWorker {

    private static final Logger LOG = Logger.getLogger(RiskRescoreWorker.class);

    private final RiskAlerts riskAlerts;
    private final Duration pollInterval;
    private final int batchSize;
    private ScheduledExecutorService executor;

    public RiskRescoreWorker(RiskAlerts riskAlerts,
                             @ConfigProperty(name = "corridor.cases.rescore.poll-interval", defaultValue = "PT0.2S") Duration pollInterval,
                             @ConfigProperty(name = "corridor.cases.rescore.batch-size", defaultValue = "200") int batchSize) {
        this.riskAlerts = riskAlerts;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    void start(@Observes StartupEvent startup) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name("risk-rescore").daemon().unstarted(task));
        executor.scheduleWithFixedDelay(this::work, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void work() {
        try {
            while (riskAlerts.rescoreNextBatch(batchSize)) {
                // keep going while batches remain
            }
        } catch (RuntimeException | Error e) {
            // anything thrown out of a task ends its schedule for good: the worker would never run again
            LOG.errorf("re-scoring cases failed (%s); will retry", e.getClass().getName());
        }
    }
}
