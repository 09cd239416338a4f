package org.corridor.cases.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseErasure;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.repository.ErasureRepository;
import org.corridor.cases.repository.JourneyRepository;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.platform.identity.Caller;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Erasing a case's personal data: its data key is destroyed and its sealed fields emptied, in one transaction with its
 * {@code erase} audit entry and its {@code erased} event; then the organisation key version that wrapped that key is
 * destroyed too (once the organisation's other case keys are wrapped anew), so that no copy of the database taken
 * before (a backup, the WAL) opens the case any more with the keys that remain.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    private static final String REASON = "erasure-reason";

    private final CaseService caseService;
    private final CaseRepository cases;
    private final JourneyRepository journeys;
    private final ErasureRepository erasures;
    private final CaseKeys keys;
    private final CaseKeyMaintenance keyMaintenance;
    private final FieldCipher derivedKeyCipher;
    private final AuditTrail audit;
    private final CaseEvents events;
    private final Caller caller;
    private final Clock clock;

    public ErasureService(CaseService caseService, CaseRepository cases, JourneyRepository journeys,
                          ErasureRepository erasures, CaseKeys keys, CaseKeyMaintenance keyMaintenance,
                          FieldCipher derivedKeyCipher, AuditTrail audit, CaseEvents events, Caller caller, Clock clock) {
        this.caseService = caseService;
        this.cases = cases;
        this.journeys = journeys;
        this.erasures = erasures;
        this.keys = keys;
        this.keyMaintenance = keyMaintenance;
        this.derivedKeyCipher = derivedKeyCipher;
        this.audit = audit;
        this.events = events;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Erases a case of the caller's organisation; an erased one is gone (410), another organisation's not found. The
     * answer does not wait for the organisation's other case keys to be wrapped anew, which takes time in proportion
     * to its cases: that starts once the erasure commits, and should it fail, the key maintenance finishes it.
     */
    public void erase(UUID caseId, String reason) {
        String organisation = QuarkusTransaction.requiringNew()
                .call(() -> erase(caseService.owned(caseId), reason, caller.subject(), caller.organisation()));
        Thread.ofVirtual().name("erasure-key-retirement").start(() -> {
            try {
                keyMaintenance.finishRetiring(organisation);
            } catch (RuntimeException e) {
                // only the type: the key maintenance retries at its next run
                LOG.warnf("retiring the key version of an erased case failed (%s); the key maintenance finishes it",
                        e.getClass().getSimpleName());
            }
        });
    }

    /** Erases a case on behalf of {@code actor} of {@code organisation}; answers the case's organisation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String erase(CaseFile file, String reason, String actor, String organisation) {
        Instant now = clock.instant();
        String keyId = derivedKeyCipher.currentKeyId();
        erasures.persist(new CaseErasure(file.id(), file.organisation(), actor, now,
                derivedKeyCipher.seal(new FieldLocation(file.organisation(), keyId, file.id(), REASON), reason), keyId));
        keys.destroy(file);
        file.erase(now);
        journeys.of(file.id()).forEach(entry -> entry.sealPlace(null));
        cases.flush();
        audit.record(file.id(), actor, organisation, AuditAction.ERASE);
        events.erased(file);
        return file.organisation();
    }
}
