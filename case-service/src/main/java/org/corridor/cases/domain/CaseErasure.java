package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Who erased a case, when and why. The reason is sealed under the organisation's key derived from the master key
 * {@code keyId} names, not the case's own key, which the erasure destroys.
 */
@Entity
@Table(name = "case_erasure")
public class CaseErasure {

    @Id
    @Column(name = "case_id")
    private UUID caseId;

    @Column(nullable = false)
    private String organisation;

    @Column(name = "erased_by", nullable = false)
    private String erasedBy;

    @Column(name = "erased_at", nullable = false)
    private Instant erasedAt;

    @Column(nullable = false)
    private byte[] reason;

    @Column(name = "key_id", nullable = false)
    private String keyId;

    protected CaseErasure() {
    }

    public CaseErasure(UUID caseId, String organisation, String erasedBy, Instant erasedAt, byte[] sealedReason, String keyId) {
        this.caseId = caseId;
        this.organisation = organisation;
        this.erasedBy = erasedBy;
        this.erasedAt = erasedAt;
        this.reason = sealedReason;
        this.keyId = keyId;
    }
}
