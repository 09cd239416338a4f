package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.corridor.platform.policy.RiskLevel;

import java.time.Instant;
import java.util.UUID;

/** A warning to the owning organisation that a policy change raised an active case's risk. */
@Entity
@Table(name = "case_alert")
public class CaseAlert {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String organisation;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false)
    public String country;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_risk")
    public RiskLevel previousRisk;

    @Enumerated(EnumType.STRING)
    @Column(name = "new_risk", nullable = false)
    public RiskLevel newRisk;

    @Column(nullable = false)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public UUID id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public UUID caseId() {
        return caseId;
    }

    public String country() {
        return country;
    }

    public RiskLevel previousRisk() {
        return previousRisk;
    }

    public RiskLevel newRisk() {
        return newRisk;
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
