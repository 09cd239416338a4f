package org.corridor.cases.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.cases.domain.AuditKey;
import org.corridor.cases.repository.AuditRepository;
import org.corridor.cases.security.AuditKeys;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Keys the trails written before the audit chain had a key (a plain SHA-256 each), once: at the first start of a
 * case-service that keys its chain, before its first checkpoint, every case's trail whose plain chain still verifies
 * is chained again under the current key, in one transaction. A trail already broken then is left as it is, so it
 * keeps showing as broken. After that an unkeyed entry is never valid: anyone can compute a plain hash. Should someone
 * make every entry plain again to have a restart key them, the checkpoints show it (the heads they signed are gone).
 * Entries that a case-service of the previous release writes after that run (during a rolling upgrade) are broken
 * too, so deploy/README.md says to stop it first.
 *
 * <p>{@link AuditTrailsReadiness} keeps the service out of rotation until the run is over, so that no request appends
 * to a trail while it is chained again.
 */
@ApplicationScoped
public class UnkeyedAuditTrails {

    private static final Logger LOG = Logger.getLogger(UnkeyedAuditTrails.class);
    private static final long UPGRADE_LOCK = 0x61756469742d6b79L;

    private final AuditRepository entries;
    private final AuditKeys keys;
    private final EntityManager entityManager;
    private volatile boolean keyed;

    public UnkeyedAuditTrails(AuditRepository entries, AuditKeys keys, EntityManager entityManager) {
        this.entries = entries;
        this.keys = keys;
        this.entityManager = entityManager;
    }

    void atStart(@Observes StartupEvent startup) {
        keyThem();
    }

    /** Whether the run is over (or found nothing to do). */
    public boolean keyed() {
        return keyed;
    }

    /** Chains every trail under the current key unless that was done before; answers how many trails were keyed. */
    @Transactional
    public int keyThem() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, UPGRADE_LOCK).getSingleResult();
        if (entries.anyKeyed()) {
            keyed = true;
            return 0;
        }
        AuditKey key = keys.current();
        int chained = 0;
        int broken = 0;
        for (List<AuditEntry> trail : entries.all().stream()
                .collect(Collectors.groupingBy(AuditEntry::caseId, Collectors.toList())).values()) {
            if (intact(trail)) {
                String previous = AuditEntry.FIRST;
                for (AuditEntry entry : trail) {
                    entry.chainUnder(key, previous);
                    previous = entry.hash();
                }
                chained++;
            } else {
                broken++;
            }
        }
        if (chained + broken > 0) {
            LOG.infof("audit trails chained under key %s: %d; left unkeyed because their plain chain was already broken: %d",
                    key.id(), chained, broken);
        }
        keyed = true;
        return chained;
    }

    private static boolean intact(List<AuditEntry> trail) {
        String previous = AuditEntry.FIRST;
        for (AuditEntry entry : trail) {
            if (!entry.followsUnkeyed(previous)) {
                return false;
            }
            previous = entry.hash();
        }
        return true;
    }
}
