package org.corridor.cases.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.repository.JourneyRepository;
import org.corridor.cases.repository.OrganisationKeyRepository;
import org.corridor.cases.work.FailureLog;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * The background work on keys, every {@code corridor.cases.organisation-keys.maintain-every}, in short transactions
 * beside requests, so it needs no downtime and picks up where it stopped after a crash: cases sealed before cases had
 * keys of their own move to one; organisation key versions past their lifetime retire; case keys under retired
 * versions are wrapped again; retired versions no case key names are destroyed.
 */
@ApplicationScoped
public class CaseKeyMaintenance {

    private static final Logger LOG = Logger.getLogger(CaseKeyMaintenance.class);

    private final CaseRepository cases;
    private final JourneyRepository journeys;
    private final OrganisationKeyRepository versions;
    private final SealedFields sealed;
    private final CaseKeys keys;
    private final CaseConfig.OrganisationKeys config;
    private final Clock clock;
    private final FailureLog failures = new FailureLog(LOG, "key maintenance");

    public CaseKeyMaintenance(CaseRepository cases, JourneyRepository journeys, OrganisationKeyRepository versions,
                              SealedFields sealed, CaseKeys keys, CaseConfig config, Clock clock) {
        this.cases = cases;
        this.journeys = journeys;
        this.versions = versions;
        this.sealed = sealed;
        this.keys = keys;
        this.config = config.organisationKeys();
        this.clock = clock;
    }

    @Scheduled(identity = "case-key-maintenance", every = "${corridor.cases.organisation-keys.maintain-every:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void maintain() {
        try {
            int moved = moveCasesToOwnKeys();
            if (moved > 0) {
                LOG.infof("cases moved to keys of their own: %d", moved);
            }
            for (String organisation : QuarkusTransaction.requiringNew()
                    .call(() -> versions.currentMadeBefore(clock.instant().minus(config.lifetime())))) {
                keys.retire(organisation);
            }
            for (String organisation : QuarkusTransaction.requiringNew().call(versions::withRetired)) {
                finishRetiring(organisation);
            }
            failures.worked();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    /** Moves every case still sealed under its organisation's derived key to a key of its own; answers how many. */
    public int moveCasesToOwnKeys() {
        int moved = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                List<CaseFile> found = cases.lockWithoutOwnKey(config.batchSize());
                // one query for the batch's journeys: a query per case would flush the whole batch each time
                var journeysOfBatch = journeys.ofEach(found.stream().map(CaseFile::id).toList());
                found.forEach(file -> sealed.moveToOwnKey(file, journeysOfBatch.getOrDefault(file.id(), List.of())));
                return found.size();
            });
            moved += batch;
        } while (batch > 0);
        return moved;
    }

    /**
     * Wraps every case key of the organisation under its retired versions anew, then destroys those versions; a key
     * another transaction holds now is left for the next run, and so is its version.
     */
    public void finishRetiring(String organisation) {
        while (keys.rewrapRetired(organisation, config.batchSize()) > 0) {
            // more keys were under retired versions than one batch takes
        }
        keys.destroyUnused(organisation);
    }
}
