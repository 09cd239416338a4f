package org.corridor.cases.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.domain.AuditCheckpoint;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.cases.domain.ChainHead;
import org.corridor.cases.repository.AuditCheckpointRepository;
import org.corridor.cases.security.CheckpointSigner;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed checkpoints of every case's audit chain head (Ed25519, the key outside the database). The HMAC chain stops
 * anyone without its key from rewriting a trail, but not from cutting its newest entries off: a checkpoint records how
 * long each chain was and how it ended, so a trail shorter than a checkpoint says, or ending elsewhere, is broken.
 * Auditors fetch the checkpoints and keep them elsewhere, so that even deleting checkpoints from the database shows.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private final AuditCheckpointRepository checkpoints;
    private final UnkeyedAuditTrails unkeyedTrails;
    private final CheckpointSigner signer;
    private final Caller caller;
    private final Clock clock;
    private final Duration every;

    public AuditCheckpoints(AuditCheckpointRepository checkpoints, UnkeyedAuditTrails unkeyedTrails, CheckpointSigner signer,
                            Caller caller, Clock clock, CaseConfig config) {
        this.checkpoints = checkpoints;
        this.unkeyedTrails = unkeyedTrails;
        this.signer = signer;
        this.caller = caller;
        this.clock = clock;
        this.every = config.audit().checkpoints().every();
    }

    /** Where a case's trail stands against the newest checkpoint that signed its head. */
    public record Coverage(AuditCheckpoint checkpoint, long entries, boolean holds) {
    }

    public record Heads(AuditCheckpoint checkpoint, Page<ChainHead> heads) {
    }

    // Every instance runs this at its start and then every period; the lock and the age check leave one checkpoint per
    // period however many instances run, and a rotated signing key gets its first checkpoint at the next start. The
    // trails of before the key are keyed first: a checkpoint of their plain heads would break them once keyed.
    @Scheduled(identity = "audit-checkpoints", every = "${corridor.cases.audit.checkpoints.every:PT24H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void makeWhenDue() {
        unkeyedTrails.keyThem();
        checkpoints.lock();
        Instant now = clock.instant();
        boolean due = checkpoints.latestSignedBy(signer.keyId())
                .map(latest -> latest.madeAt().isBefore(now.minus(every.dividedBy(2))))
                .orElse(true);
        if (due) {
            make();
        }
    }

    /** Signs every case's chain head as it stands now. */
    @Transactional
    public AuditCheckpoint make() {
        // PostgreSQL keeps microseconds: sign what will be read back
        Instant madeAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ChainHead> heads = checkpoints.currentHeads();
        String statement = AuditCheckpoint.statement(madeAt, signer.keyId(), heads);
        return checkpoints.save(madeAt, signer.keyId(), statement, signer.sign(statement.getBytes(StandardCharsets.UTF_8)), heads);
    }

    /**
     * The case's trail against the newest checkpoint signed by the current key that signed its head: it holds when
     * that checkpoint's signature verifies over its statement, the heads stored with it of the case's organisation are
     * the ones the statement's digest of that organisation signed, and the trail's entry at the signed length is the
     * signed head. Only the organisation's heads are read: its digest covers the case, whatever the size of the system.
     * Empty when there is no such checkpoint or it has no head of this case (the case's trail began after it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Coverage> cover(UUID caseId, String organisation, List<AuditEntry> trail) {
        return checkpoints.latestSignedBy(signer.keyId()).flatMap(checkpoint -> {
            List<ChainHead> owned = checkpoints.heads(checkpoint.id(), organisation);
            boolean signed = checkpoint.signedFor(organisation, owned)
                    && signer.verifies(checkpoint.statement().getBytes(StandardCharsets.UTF_8), checkpoint.signature());
            Optional<ChainHead> head = owned.stream().filter(candidate -> candidate.caseId().equals(caseId)).findFirst();
            if (!signed) {
                return Optional.of(new Coverage(checkpoint, head.map(ChainHead::entries).orElse(0L), false));
            }
            return head.map(signedHead -> new Coverage(checkpoint, signedHead.entries(),
                    trail.size() >= signedHead.entries() && trail.get((int) signedHead.entries() - 1).hash().equals(signedHead.head())));
        });
    }

    @Transactional
    public Page<AuditCheckpoint> page(String cursor, int limit) {
        long before = Paging.position(cursor);
        return Paging.page(checkpoints.page(before, limit + 1), limit, checkpoint -> Page.cursor(Long.toString(checkpoint.id())));
    }

    /** A checkpoint's statement, and the heads it signed of the caller's organisation's cases. */
    @Transactional
    public Heads heads(long id, String cursor, int limit) {
        AuditCheckpoint checkpoint = checkpoints.find(id).orElseThrow(() -> ProblemException.notFound("The checkpoint"));
        UUID after = cursor == null ? null : caseIdOf(cursor);
        List<ChainHead> fetched = checkpoints.heads(id, caller.organisation(), after, limit + 1);
        return new Heads(checkpoint, Paging.page(fetched, limit, head -> Page.cursor(head.caseId().toString())));
    }

    public String keyId() {
        return signer.keyId();
    }

    public String publicKeyPem() {
        return signer.publicKeyPem();
    }

    private static UUID caseIdOf(String cursor) {
        try {
            return UUID.fromString(Page.position(cursor));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }
}
