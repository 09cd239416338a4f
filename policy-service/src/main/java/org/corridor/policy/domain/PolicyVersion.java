package org.corridor.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A published policy version. It is never rewritten (the database refuses updates): a correction is a new version
 * that supersedes it from its own {@code validFrom}, and history keeps both.
 */
@Entity
@Table(name = "policy_version")
public class PolicyVersion {

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String country;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** When Corridor learnt this version: the second time axis, for "what did we believe then". */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Embedded
    public PolicyContent content;

    /** Set for reference data shipped with Corridor, so that loading it again adds nothing. */
    @Column(name = "reference_key")
    public String referenceKey;

    @Column(name = "draft_id")
    public UUID draftId;

    @Column(name = "published_by")
    public String publishedBy;

    public static PolicyVersion record(String country, ValidityPeriod period, PolicyContent content, Instant recordedAt) {
        var version = new PolicyVersion();
        version.id = UUID.randomUUID();
        version.country = country;
        version.validFrom = period.validFrom();
        version.validTo = period.validTo();
        version.recordedAt = recordedAt;
        version.content = content.copy();
        return version;
    }

    public ValidityPeriod period() {
        return new ValidityPeriod(validFrom, validTo);
    }
}
