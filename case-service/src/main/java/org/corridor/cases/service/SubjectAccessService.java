package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditEntry;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.cases.domain.CaseTransfer;
import org.corridor.cases.repository.AlertRepository;
import org.corridor.cases.repository.TransferRepository;

import java.util.List;
import java.util.UUID;

/**
 * A subject-access export: everything Corridor holds about one case, for a protection officer answering the person's
 * request (the right of access of the data-protection rules of this field), audited as {@code subject-access}.
 */
@ApplicationScoped
public class SubjectAccessService {

    private final CaseService caseService;
    private final TransferRepository transfers;
    private final AlertRepository alerts;
    private final EmergencyAccessService emergencyAccesses;
    private final AuditTrail audit;

    public SubjectAccessService(CaseService caseService, TransferRepository transfers, AlertRepository alerts,
                                EmergencyAccessService emergencyAccesses, AuditTrail audit) {
        this.caseService = caseService;
        this.transfers = transfers;
        this.alerts = alerts;
        this.emergencyAccesses = emergencyAccesses;
        this.audit = audit;
    }

    public record Export(CaseService.InFull held, List<CaseTransfer> transfers, List<CaseAlert> alerts,
                         List<EmergencyAccessService.Reviewable> emergencyAccesses, List<AuditEntry> audit) {
    }

    @Transactional
    public Export export(UUID caseId) {
        CaseService.InFull held = caseService.inFullForSubjectAccess(caseId);
        return new Export(held, transfers.ofCase(caseId), alerts.ofCase(caseId), emergencyAccesses.ofCase(caseId),
                audit.entries(caseId));
    }
}
