package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.EmergencyAccess;
import org.corridor.cases.repository.EmergencyAccessRepository;
import org.corridor.cases.security.FieldCipher;
import org.corridor.cases.security.FieldLocation;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.problem.ProblemException;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Emergency access ("break the glass"): a caseworker, whose role reads personal data masked, reads one case's in full
 * for {@link EmergencyAccess#LIFETIME}, with a reason; the grant and every read under it are audited as
 * {@code emergency-access}, and coordinators of the organisation review each afterwards.
 */
@ApplicationScoped
public class EmergencyAccessService {

    private static final String REASON = "emergency-reason";
    private static final String NOTE = "emergency-review-note";

    private final CaseService caseService;
    private final EmergencyAccessRepository accesses;
    private final FieldCipher derivedKeyCipher;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    public EmergencyAccessService(CaseService caseService, EmergencyAccessRepository accesses, FieldCipher derivedKeyCipher,
                                  AuditTrail audit, Caller caller, Clock clock) {
        this.caseService = caseService;
        this.accesses = accesses;
        this.derivedKeyCipher = derivedKeyCipher;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /** An access with its reason and its review's note in plain text. */
    public record Reviewable(EmergencyAccess access, String reason, String note) {
    }

    @Transactional
    public Reviewable grant(UUID caseId, String reason) {
        if (caller.hasRole(Roles.PROTECTION_OFFICER)) {
            throw ProblemException.conflict("Your role reads personal data already; emergency access is for caseworkers, "
                    + "whose role reads it masked.");
        }
        CaseFile file = caseService.owned(caseId);
        var access = EmergencyAccess.granting(file.id(), file.organisation(), caller.subject(), clock.instant());
        String keyId = derivedKeyCipher.currentKeyId();
        access.give(derivedKeyCipher.seal(place(access, keyId, REASON), reason), keyId);
        accesses.persist(access);
        audit.record(file.id(), AuditAction.EMERGENCY_ACCESS);
        return new Reviewable(access, reason, null);
    }

    /** The organisation's emergency accesses, newest first, reviewed or not as asked (all when null). */
    @Transactional
    public Page<Reviewable> list(Boolean reviewed, String cursor, int limit) {
        Page<EmergencyAccess> page = Paging.page(accesses.page(caller.organisation(), reviewed, Page.timeAndId(cursor),
                limit + 1), limit, access -> Page.cursorAfter(access.grantedAt(), access.id()));
        return new Page<>(page.items().stream().map(this::reviewable).toList(), page.next());
    }

    /** An access of the caller's organisation, for its coordinators or the caseworker who used it; else not found. */
    @Transactional
    public Reviewable access(UUID id) {
        EmergencyAccess access = owned(id);
        if (!caller.hasRole(Roles.COORDINATOR) && !access.actor().equals(caller.subject())) {
            throw ProblemException.notFound("The emergency access");
        }
        return reviewable(access);
    }

    /** Every emergency access to a case, oldest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Reviewable> ofCase(UUID caseId) {
        return accesses.ofCase(caseId).stream().map(this::reviewable).toList();
    }

    @Transactional
    public Reviewable review(UUID id, EmergencyAccess.Outcome outcome, String note) {
        EmergencyAccess access = owned(id);
        access.review(caller.subject(), outcome, derivedKeyCipher.seal(place(access, access.keyId(), NOTE), note),
                clock.instant());
        return reviewable(access);
    }

    private EmergencyAccess owned(UUID id) {
        return accesses.findOwned(id, caller.organisation()).orElseThrow(() -> ProblemException.notFound("The emergency access"));
    }

    private Reviewable reviewable(EmergencyAccess access) {
        return new Reviewable(access, derivedKeyCipher.open(place(access, access.keyId(), REASON), access.reason()),
                derivedKeyCipher.open(place(access, access.keyId(), NOTE), access.note()));
    }

    private static FieldLocation place(EmergencyAccess access, String keyId, String field) {
        return new FieldLocation(access.organisation(), keyId, access.id(), field);
    }
}
