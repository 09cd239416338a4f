package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A coordinator's offer of a case to another organisation, which that organisation accepts or declines. */
@Entity
@Table(name = "case_transfer")
public class CaseTransfer {

    @Schema(name = "TransferStatus")
    public enum Status { OFFERED, ACCEPTED, DECLINED }

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

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected CaseTransfer() {
    }

    public static CaseTransfer offer(UUID caseId, String fromOrganisation, String toOrganisation, String coordinator,
                                     Instant now) {
        var transfer = new CaseTransfer();
        transfer.id = UUID.randomUUID();
        transfer.caseId = caseId;
        transfer.fromOrganisation = fromOrganisation;
        transfer.toOrganisation = toOrganisation;
        transfer.status = Status.OFFERED;
        transfer.offeredBy = coordinator;
        transfer.offeredAt = now;
        return transfer;
    }

    public void decide(boolean accepted, String coordinator, Instant now) {
        if (status != Status.OFFERED) {
            throw new StatusTransitionRefused("This transfer was already " + (status == Status.ACCEPTED ? "accepted" : "declined") + ".");
        }
        status = accepted ? Status.ACCEPTED : Status.DECLINED;
        decidedBy = coordinator;
        decidedAt = now;
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

    public Status status() {
        return status;
    }

    public Instant offeredAt() {
        return offeredAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
