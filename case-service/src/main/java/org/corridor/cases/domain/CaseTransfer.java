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
    public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(name = "from_organisation", nullable = false)
    public String fromOrganisation;

    @Column(name = "to_organisation", nullable = false)
    public String toOrganisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "offered_by", nullable = false)
    public String offeredBy;

    @Column(name = "offered_at", nullable = false)
    public Instant offeredAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public void decide(boolean accepted, String coordinator, Instant now) {
        if (status != Status.OFFERED) {
            throw new StatusTransitionRefused("This transfer was already " + (status == Status.ACCEPTED ? "accepted" : "declined") + ".");
        }
        status = accepted ? Status.ACCEPTED : Status.DECLINED;
        decidedBy = coordinator;
        decidedAt = now;
    }
}
