package org.corridor.cases.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.repository.RetentionRepository;
import org.corridor.cases.work.FailureLog;
import org.corridor.platform.identity.Caller;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Retention: each organisation sets how many months after a case becomes final its personal data is kept; every
 * {@code corridor.cases.retention.every} the cases past that are erased as a coordinator's erasure would, a batch per
 * transaction (so a run stopped half-way goes on from where it was at the next), each with its {@code erase} audit
 * entry under the actor {@value #ACTOR}.
 */
@ApplicationScoped
public class RetentionService {

    /** Who the audit trail says erased a case whose retention ran out. */
    public static final String ACTOR = "retention";

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final RetentionRepository retention;
    private final CaseRepository cases;
    private final ErasureService erasures;
    private final CaseKeyMaintenance keyMaintenance;
    private final CaseConfig config;
    private final Caller caller;
    private final Clock clock;
    private final FailureLog failures = new FailureLog(LOG, "erasing cases whose retention ran out");

    public RetentionService(RetentionRepository retention, CaseRepository cases, ErasureService erasures,
                            CaseKeyMaintenance keyMaintenance, CaseConfig config, Caller caller, Clock clock) {
        this.retention = retention;
        this.cases = cases;
        this.erasures = erasures;
        this.keyMaintenance = keyMaintenance;
        this.config = config;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional
    public Optional<Integer> monthsAfterFinal() {
        return retention.monthsAfterFinal(caller.organisation());
    }

    /** Sets how long the caller's organisation keeps the personal data of its final cases (null: for good). */
    @Transactional
    public void setMonthsAfterFinal(Integer months) {
        retention.set(caller.organisation(), months, caller.subject(), clock.instant());
    }

    @Scheduled(identity = "retention", every = "${corridor.cases.retention.every:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void eraseDue() {
        try {
            int erased = eraseWhatIsDue();
            if (erased > 0) {
                LOG.infof("cases erased as their retention ran out: %d", erased);
            }
            failures.worked();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    /** Erases every case whose retention has run out; answers how many. */
    public int eraseWhatIsDue() {
        Set<String> organisations = new HashSet<>();
        int erased = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                Instant now = clock.instant();
                List<UUID> due = retention.lockDue(now, config.organisationKeys().batchSize());
                for (CaseFile file : cases.withMembers(due)) {
                    int months = retention.monthsAfterFinal(file.organisation()).orElseThrow();
                    organisations.add(erasures.erase(file, "Retention: final since "
                            + LocalDate.ofInstant(file.finalSince(), ZoneOffset.UTC) + ", kept for " + months + " months.",
                            ACTOR, file.organisation()));
                }
                return due.size();
            });
            erased += batch;
        } while (batch > 0);
        organisations.forEach(keyMaintenance::finishRetiring);
        return erased;
    }
}
