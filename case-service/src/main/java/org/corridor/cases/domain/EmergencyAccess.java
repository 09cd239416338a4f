package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A caseworker's emergency access to one case's personal data ("break the glass"): granted at once with a reason, open
 * for a while, every read under it audited, and reviewed afterwards by a coordinator of the organisation. Reason and
 * note are held sealed under the organisation's derived key that {@code keyId} names.
 */
@Entity
@Table(name = "emergency_access")
public class EmergencyAccess {

    /** How long an emergency access lets its caseworker read. */
    public static final Duration LIFETIME = Duration.ofMinutes(60);

    @Schema(name = "EmergencyAccessOutcome")
    public enum Outcome { JUSTIFIED, UNJUSTIFIED }

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(nullable = false)
    private String organisation;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private byte[] reason;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    private byte[] note;

    protected EmergencyAccess() {
    }

    /** A new access; its reason is sealed under its id, so the id comes first and {@link #give} follows. */
    public static EmergencyAccess granting(UUID caseId, String organisation, String actor, Instant now) {
        var access = new EmergencyAccess();
        access.id = UUID.randomUUID();
        access.caseId = caseId;
        access.organisation = organisation;
        access.actor = actor;
        access.grantedAt = now;
        access.expiresAt = now.plus(LIFETIME);
        return access;
    }

    public void give(byte[] sealedReason, String keyId) {
        this.reason = sealedReason;
        this.keyId = keyId;
    }

    /** A coordinator's judgement, once, by someone other than the caseworker who broke the glass. */
    public void review(String coordinator, Outcome outcome, byte[] sealedNote, Instant now) {
        if (reviewedAt != null) {
            throw new StatusTransitionRefused("This emergency access was already reviewed.");
        }
        if (coordinator.equals(actor)) {
            throw new StatusTransitionRefused("An emergency access is reviewed by someone other than who used it.");
        }
        this.reviewedBy = coordinator;
        this.outcome = outcome;
        this.note = sealedNote;
        this.reviewedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public String organisation() {
        return organisation;
    }

    public String actor() {
        return actor;
    }

    public byte[] reason() {
        return reason;
    }

    public String keyId() {
        return keyId;
    }

    public Instant grantedAt() {
        return grantedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String reviewedBy() {
        return reviewedBy;
    }

    public Instant reviewedAt() {
        return reviewedAt;
    }

    public Outcome outcome() {
        return outcome;
    }

    public byte[] note() {
        return note;
    }
}
