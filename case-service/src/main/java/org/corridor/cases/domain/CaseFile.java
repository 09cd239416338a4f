package org.corridor.cases.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.corridor.platform.cases.JourneyKind;
import org.corridor.platform.policy.RiskLevel;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A protection case: one person or a group travelling together, owned by one organisation. Personal fields are held
 * sealed with the owner's key ({@code keyId}); status follows the journey.
 */
@Entity
@Table(name = "case_file")
public class CaseFile {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseStatus status;

    @Column(name = "current_country")
    public String currentCountry;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "planned_route", nullable = false, columnDefinition = "text[]")
    public List<String> plannedRoute;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public List<Need> needs;

    public byte[] notes;

    @Column(name = "closed_reason")
    public byte[] closedReason;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level")
    public RiskLevel riskLevel;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "risk_reasons", columnDefinition = "jsonb")
    public List<RiskReason> riskReasons;

    @Column(name = "risk_assessed_at")
    public Instant riskAssessedAt;

    @Version
    @Column(nullable = false)
    public int revision;

    @Column(name = "opened_on", nullable = false)
    public LocalDate openedOn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "case_id", nullable = false)
    @OrderColumn(name = "position")
    public List<CaseMember> members = new ArrayList<>();

    public static CaseFile open(String organisation, String keyId, Instant now) {
        var file = new CaseFile();
        file.id = UUID.randomUUID();
        file.organisation = organisation;
        file.keyId = keyId;
        file.status = CaseStatus.OPEN;
        file.plannedRoute = List.of();
        file.needs = List.of();
        file.openedOn = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        file.createdAt = now;
        file.updatedAt = now;
        return file;
    }

    /** Applies a journey event: the status moves as the state machine allows, and the case is where the event was. */
    public CaseStatus record(JourneyKind kind, String country, Instant now) {
        CaseStatus previous = status;
        status = status.after(kind);
        currentCountry = country;
        updatedAt = now;
        return previous;
    }

    public void close(byte[] sealedReason, Instant now) {
        if (!status.isActive()) {
            throw new StatusTransitionRefused("Only an active case can be closed; this one is already final.");
        }
        status = CaseStatus.CLOSED;
        closedReason = sealedReason;
        updatedAt = now;
    }

    /** The countries still ahead: the planned route after the current country, or all of it before departure. */
    public List<String> remainingRoute() {
        int here = currentCountry == null ? -1 : plannedRoute.indexOf(currentCountry);
        return plannedRoute.subList(here + 1, plannedRoute.size());
    }

    /** One reason behind the case's risk, for a country. */
    public record RiskReason(String country, RiskLevel risk, List<String> reasons) {
    }
}
