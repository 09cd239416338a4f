package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** Who did what to a case, chained to the case's previous entry by hash so that tampering shows. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    public static final String FIRST = "0".repeat(64);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AuditAction action;

    @Column(name = "request_id")
    private String requestId;

    @Column(nullable = false)
    private Instant at;

    @Column(name = "previous_hash", nullable = false)
    private String previousHash;

    @Column(nullable = false)
    private String hash;

    protected AuditEntry() {
    }

    public static AuditEntry after(String previousHash, UUID caseId, String actor, String organisation, AuditAction action,
                                   String requestId, Instant at) {
        var entry = new AuditEntry();
        entry.caseId = caseId;
        entry.actor = actor;
        entry.organisation = organisation;
        entry.action = action;
        entry.requestId = requestId;
        entry.at = at;
        entry.previousHash = previousHash;
        entry.hash = entry.computeHash();
        return entry;
    }

    /** Whether this entry's content still matches its hash and follows {@code previousHash}. */
    public boolean follows(String expectedPreviousHash) {
        return previousHash.equals(expectedPreviousHash) && hash.equals(computeHash());
    }

    public Long id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public String actor() {
        return actor;
    }

    public String organisation() {
        return organisation;
    }

    public AuditAction action() {
        return action;
    }

    public String requestId() {
        return requestId;
    }

    public Instant at() {
        return at;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }

    private String computeHash() {
        String content = String.join("\n", previousHash, caseId.toString(), actor, organisation, action.name(),
                requestId == null ? "" : requestId, at.toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
