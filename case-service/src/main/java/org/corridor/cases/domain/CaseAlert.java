package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.corridor.platform.json.KebabCaseEnums;
import org.corridor.platform.policy.RiskLevel;

import java.time.Instant;
import java.util.UUID;

/** A warning to the owning organisation that a policy change raised an active case's risk. */
@Entity
@Table(name = "case_alert")
public class CaseAlert {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String organisation;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(nullable = false)
    private String country;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_risk")
    private RiskLevel previousRisk;

    @Enumerated(EnumType.STRING)
    @Column(name = "new_risk", nullable = false)
    private RiskLevel newRisk;

    @Column(nullable = false)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected CaseAlert() {
    }

    /** The alert for a case whose risk a policy change of {@code country} raised from {@code previousRisk}. */
    public static CaseAlert riskRose(CaseFile file, String country, RiskLevel previousRisk, String policySummary,
                                     Instant now) {
        var alert = new CaseAlert();
        alert.id = UUID.randomUUID();
        alert.organisation = file.organisation();
        alert.caseId = file.id();
        alert.country = country;
        alert.previousRisk = previousRisk;
        alert.newRisk = file.riskLevel();
        alert.reason = "The policy of " + country + " changed and this case's risk rose to "
                + KebabCaseEnums.code(file.riskLevel()) + ": " + policySummary;
        alert.createdAt = now;
        return alert;
    }

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
