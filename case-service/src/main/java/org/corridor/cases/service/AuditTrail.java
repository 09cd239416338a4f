package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.cases.domain.AuditKey;
import org.corridor.cases.repository.AuditRepository;
import org.corridor.cases.security.AuditKeys;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.request.RequestIds;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Appends to each case's HMAC-chained audit trail, in the transaction of the read or write it records. */
@ApplicationScoped
public class AuditTrail {

    private final AuditRepository entries;
    private final AuditKeys keys;
    private final Caller caller;
    private final Clock clock;

    public AuditTrail(AuditRepository entries, AuditKeys keys, Caller caller, Clock clock) {
        this.entries = entries;
        this.keys = keys;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * What the caller did to a case opened in this transaction, its creation first: nobody else can know the case
     * before it commits, so its trail is empty and nobody writes it concurrently.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordOpened(UUID caseId, AuditAction... actions) {
        recordOpenedEach(caller.subject(), Map.of(caseId, caller.organisation()), actions);
    }

    /**
     * What one actor did to each of many cases opened in this transaction, as {@link #recordOpened} for one: their
     * trails are empty and nobody else can write them yet, so none is locked. Written in one batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordOpenedEach(String actor, Map<UUID, String> organisationsByCase, AuditAction... actions) {
        List<AuditEntry> all = new ArrayList<>(organisationsByCase.size() * actions.length);
        organisationsByCase.forEach((caseId, organisation) ->
                all.addAll(chain(AuditEntry.FIRST, caseId, actor, organisation, actions)));
        entries.append(all);
    }

    /** What the caller did to a case, an entry per action in this order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, AuditAction... actions) {
        record(caseId, caller.subject(), caller.organisation(), actions);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID caseId, String actor, String organisation, AuditAction... actions) {
        entries.append(chain(entries.lockChain(caseId), caseId, actor, organisation, actions));
    }

    /**
     * What one actor did to each of many cases, an entry per action in this order, on behalf of each case's
     * organisation, the cases in the order given: their chains taken and written together, not a case at a time.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEach(String actor, Map<UUID, String> organisationsByCase, AuditAction... actions) {
        if (organisationsByCase.isEmpty()) {
            return;
        }
        Map<UUID, String> heads = entries.lockChains(organisationsByCase.keySet());
        List<AuditEntry> all = new ArrayList<>(organisationsByCase.size() * actions.length);
        organisationsByCase.forEach((caseId, organisation) ->
                all.addAll(chain(heads.get(caseId), caseId, actor, organisation, actions)));
        entries.append(all);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditEntry> entries(UUID caseId) {
        return entries.entries(caseId);
    }

    private List<AuditEntry> chain(String previousHash, UUID caseId, String actor, String organisation, AuditAction... actions) {
        // PostgreSQL keeps microseconds: hash what will be read back
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditKey key = keys.current();
        List<AuditEntry> chain = new ArrayList<>();
        String previous = previousHash;
        for (AuditAction action : actions) {
            AuditEntry entry = AuditEntry.after(key, previous, caseId, actor, organisation, action, RequestIds.current(), at);
            chain.add(entry);
            previous = entry.hash();
        }
        return chain;
    }
}
