package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseTransfer;
import org.corridor.cases.domain.JourneyEntry;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.rest.TransferView;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.problem.ProblemException;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Handing a case to another organisation: offered by a coordinator, accepted or declined by the receiver's. */
@ApplicationScoped
public class TransferService {

    private final CaseService caseService;
    private final CaseRepository cases;
    private final CaseViews views;
    private final CaseEvents events;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock = Clock.systemUTC();

    public TransferService(CaseService caseService, CaseRepository cases, CaseViews views, CaseEvents events,
                           AuditTrail audit, Caller caller) {
        this.caseService = caseService;
        this.cases = cases;
        this.views = views;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
    }

    @Transactional
    public TransferView offer(UUID caseId, String toOrganisation) {
        CaseFile file = caseService.owned(caseId);
        if (toOrganisation.equals(file.organisation)) {
            throw ProblemException.invalidField("toOrganisation", "is the organisation that already owns the case");
        }
        if (!file.status.isActive()) {
            throw ProblemException.conflict("Only an active case can be transferred.");
        }
        long open = cases.getEntityManager().createQuery(
                        "SELECT count(t) FROM CaseTransfer t WHERE t.caseId = ?1 AND t.status = ?2", Long.class)
                .setParameter(1, caseId).setParameter(2, CaseTransfer.Status.OFFERED).getSingleResult();
        if (open > 0) {
            throw ProblemException.conflict("This case is already offered to an organisation; wait for its answer.");
        }
        var transfer = new CaseTransfer();
        transfer.id = UUID.randomUUID();
        transfer.caseId = caseId;
        transfer.fromOrganisation = file.organisation;
        transfer.toOrganisation = toOrganisation;
        transfer.status = CaseTransfer.Status.OFFERED;
        transfer.offeredBy = caller.subject();
        transfer.offeredAt = clock.instant();
        cases.getEntityManager().persist(transfer);
        audit.record(caseId, AuditAction.TRANSFER);
        return view(transfer);
    }

    /** Offers to and from the caller's organisation, newest first. */
    @Transactional
    public List<TransferView> transfers() {
        return cases.getEntityManager().createQuery("""
                        SELECT t FROM CaseTransfer t WHERE t.toOrganisation = ?1 OR t.fromOrganisation = ?1
                        ORDER BY t.offeredAt DESC""", CaseTransfer.class)
                .setParameter(1, caller.organisation()).setMaxResults(200).getResultList()
                .stream().map(TransferService::view).toList();
    }

    /** Accepting moves ownership: the case is re-sealed with the receiver's key and the sender loses access. */
    @Transactional
    public TransferView accept(UUID transferId) {
        CaseTransfer transfer = incoming(transferId);
        transfer.decide(true, caller.subject(), clock.instant());
        CaseFile file = cases.findById(transfer.caseId);
        List<JourneyEntry> journey = cases.getEntityManager()
                .createQuery("SELECT j FROM JourneyEntry j WHERE j.caseId = ?1 ORDER BY j.sequence", JourneyEntry.class)
                .setParameter(1, file.id).getResultList();
        String previousOrganisation = file.organisation;
        views.resealFor(file, journey, transfer.toOrganisation);
        file.updatedAt = clock.instant();
        audit.record(file.id, AuditAction.TRANSFER);
        events.transferred(file, previousOrganisation);
        return view(transfer);
    }

    @Transactional
    public TransferView decline(UUID transferId) {
        CaseTransfer transfer = incoming(transferId);
        transfer.decide(false, caller.subject(), clock.instant());
        audit.record(transfer.caseId, AuditAction.TRANSFER);
        return view(transfer);
    }

    /** An offer made to the caller's organisation; any other is not found. */
    private CaseTransfer incoming(UUID transferId) {
        CaseTransfer transfer = cases.getEntityManager().find(CaseTransfer.class, transferId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (transfer == null || !transfer.toOrganisation.equals(caller.organisation())) {
            throw ProblemException.notFound("The transfer");
        }
        return transfer;
    }

    private static TransferView view(CaseTransfer t) {
        return new TransferView(t.id, t.caseId, t.fromOrganisation, t.toOrganisation, t.status, t.offeredAt, t.decidedAt);
    }
}
