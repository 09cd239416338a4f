package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.corridor.cases.config.CaseConfig;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseTransfer;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.repository.JourneyRepository;
import org.corridor.cases.repository.TransferRepository;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.problem.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Handing a case to another organisation: offered by a coordinator, accepted or declined by the receiver's. */
@ApplicationScoped
public class TransferService {

    private final CaseService caseService;
    private final CaseRepository cases;
    private final JourneyRepository journeys;
    private final TransferRepository transfers;
    private final SealedFields sealed;
    private final CaseEvents events;
    private final AuditTrail audit;
    private final Caller caller;
    private final KnownOrganisations organisations;
    private final CaseConfig config;
    private final Clock clock;

    public TransferService(CaseService caseService, CaseRepository cases, JourneyRepository journeys,
                           TransferRepository transfers, SealedFields sealed, CaseEvents events, AuditTrail audit,
                           Caller caller, KnownOrganisations organisations, CaseConfig config, Clock clock) {
        this.caseService = caseService;
        this.cases = cases;
        this.journeys = journeys;
        this.transfers = transfers;
        this.sealed = sealed;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.organisations = organisations;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public CaseTransfer offer(UUID caseId, String toOrganisation, CaseTransfer.Consent consent) {
        CaseFile file = caseService.owned(caseId);
        if (toOrganisation.equals(file.organisation())) {
            throw ProblemException.invalidField("toOrganisation", "is the organisation that already owns the case");
        }
        if (!file.status().isActive()) {
            throw ProblemException.conflict("Only an active case can be transferred.");
        }
        if (!organisations.isKnown(toOrganisation)) {
            throw ProblemException.invalidField("toOrganisation", "is not an organisation Corridor knows: none of its "
                    + "people has used Corridor yet");
        }
        Instant now = clock.instant();
        if (consent.recordedOn().isAfter(LocalDate.ofInstant(now, clock.getZone()).plusDays(1))) {
            throw ProblemException.invalidField("consent.recordedOn", "is in the future");
        }
        if (transfers.hasOpenOffer(caseId, now)) {
            throw ProblemException.conflict("This case is already offered to an organisation; wait for its answer, "
                    + "or withdraw the offer.");
        }
        transfers.expireLapsed(caseId, now);
        var transfer = CaseTransfer.offer(caseId, file.organisation(), toOrganisation, consent, caller.subject(), now,
                config.transferOfferLifetime());
        transfers.persist(transfer);
        audit.record(caseId, AuditAction.TRANSFER);
        return transfer;
    }

    /** Offers to and from the caller's organisation, newest first, a page at a time. */
    @Transactional
    public Page<CaseTransfer> transfers(String cursor, int limit) {
        return Paging.page(transfers.page(caller.organisation(), Page.timeAndId(cursor), limit + 1), limit,
                transfer -> Page.cursorAfter(transfer.offeredAt(), transfer.id()));
    }

    /** A transfer offered to or by the caller's organisation; any other is not found. */
    @Transactional
    public CaseTransfer transfer(UUID transferId) {
        return transfers.findInvolving(transferId, caller.organisation())
                .orElseThrow(() -> ProblemException.notFound("The transfer"));
    }

    /**
     * Accepting moves ownership of a case that is still active: the case's data key is wrapped by the receiver's key
     * instead of the sender's, and the sender loses access.
     */
    @Transactional
    public CaseTransfer accept(UUID transferId) {
        CaseTransfer transfer = incoming(transferId);
        Instant now = clock.instant();
        transfer.decide(true, caller.subject(), now);
        CaseFile file = cases.findById(transfer.caseId(), LockModeType.PESSIMISTIC_WRITE);
        if (!file.status().isActive() || file.isErased()) {
            throw ProblemException.conflict("The case is no longer active, or its personal data was erased, so it cannot "
                    + "be taken over; its organisation can withdraw the offer.");
        }
        sealed.handOver(file, journeys.of(file.id()), transfer.toOrganisation());
        String previousOrganisation = file.transferTo(transfer.toOrganisation(), now);
        cases.flush();
        audit.record(file.id(), AuditAction.TRANSFER);
        events.transferred(file, previousOrganisation);
        return transfer;
    }

    @Transactional
    public CaseTransfer decline(UUID transferId) {
        CaseTransfer transfer = incoming(transferId);
        transfer.decide(false, caller.subject(), clock.instant());
        audit.record(transfer.caseId(), AuditAction.TRANSFER);
        return transfer;
    }

    /** The offering organisation takes back an offer nobody has answered yet. */
    @Transactional
    public CaseTransfer withdraw(UUID transferId) {
        CaseTransfer transfer = transfers.findOfferedBy(transferId, caller.organisation())
                .orElseThrow(() -> ProblemException.notFound("The transfer"));
        transfer.withdraw(caller.subject(), clock.instant());
        audit.record(transfer.caseId(), AuditAction.TRANSFER);
        return transfer;
    }

    /** An offer made to the caller's organisation; any other is not found. */
    private CaseTransfer incoming(UUID transferId) {
        return transfers.findOfferedTo(transferId, caller.organisation())
                .orElseThrow(() -> ProblemException.notFound("The transfer"));
    }
}
