package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.corridor.platform.json.KebabCaseEnums;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A coordinator's offer of a case to another organisation, which that organisation accepts or declines until it
 * expires, and the offering organisation can withdraw while it is open.
 */
@Entity
@Table(name = "case_transfer")
public class CaseTransfer {

    @Schema(name = "TransferStatus")
    public enum Status { OFFERED, ACCEPTED, DECLINED, WITHDRAWN, EXPIRED }

    /**
     * On what ground the person's data goes to the receiver: the person agreed, knowing to whom and why; or the person
     * cannot be asked and the transfer protects their life (the vital-interest ground of the data-protection rules of
     * this field).
     */
    @Schema(name = "ConsentBasis")
    public enum ConsentBasis { INFORMED_CONSENT, VITAL_INTEREST }

    /** The person's consent to the transfer as recorded with the offer. */
    public record Consent(ConsentBasis basis, LocalDate recordedOn) {
    }

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(name = "from_organisation", nullable = false)
    private String fromOrganisation;

    @Column(name = "to_organisation", nullable = false)
    private String toOrganisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "offered_by", nullable = false)
    private String offeredBy;

    @Column(name = "offered_at", nullable = false)
    private Instant offeredAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "consent_basis")
    private ConsentBasis consentBasis;

    @Column(name = "consent_recorded_on")
    private LocalDate consentRecordedOn;

    protected CaseTransfer() {
    }

    public static CaseTransfer offer(UUID caseId, String fromOrganisation, String toOrganisation, Consent consent,
                                     String coordinator, Instant now, Duration openFor) {
        var transfer = new CaseTransfer();
        transfer.id = UUID.randomUUID();
        transfer.caseId = caseId;
        transfer.fromOrganisation = fromOrganisation;
        transfer.toOrganisation = toOrganisation;
        transfer.status = Status.OFFERED;
        transfer.offeredBy = coordinator;
        transfer.offeredAt = now;
        transfer.expiresAt = now.plus(openFor);
        transfer.consentBasis = consent.basis();
        transfer.consentRecordedOn = consent.recordedOn();
        return transfer;
    }

    public void decide(boolean accepted, String coordinator, Instant now) {
        end(accepted ? Status.ACCEPTED : Status.DECLINED, coordinator, now);
    }

    public void withdraw(String coordinator, Instant now) {
        end(Status.WITHDRAWN, coordinator, now);
    }

    private void end(Status outcome, String coordinator, Instant now) {
        Status current = status(now);
        if (current != Status.OFFERED) {
            throw new StatusTransitionRefused("This transfer is already " + KebabCaseEnums.code(current)
                    + (current == Status.EXPIRED ? " (at " + expiresAt + ")." : "."));
        }
        status = outcome;
        decidedBy = coordinator;
        decidedAt = now;
    }

    /** Its status at a moment: an offer left open past its expiry is expired, whether or not that is stored yet. */
    public Status status(Instant now) {
        return status == Status.OFFERED && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public String fromOrganisation() {
        return fromOrganisation;
    }

    public String toOrganisation() {
        return toOrganisation;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant offeredAt() {
        return offeredAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    /** The consent recorded with the offer; none for offers made before offers recorded it. */
    public Optional<Consent> consent() {
        return consentBasis == null ? Optional.empty() : Optional.of(new Consent(consentBasis, consentRecordedOn));
    }
}
