package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Who did what to a case, chained to the case's previous entry by an HMAC under a key kept outside the database, so
 * that whoever can write the database can neither alter an entry nor forge the hashes after it. Entries written before
 * the chain was keyed carried a plain SHA-256 and no key id; {@link #followsUnkeyed} checks those, once, when they are
 * chained under a key ({@link #chainUnder}).
 */
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

    @Column(name = "key_id")
    private String keyId;

    protected AuditEntry() {
    }

    public static AuditEntry after(AuditKey key, String previousHash, UUID caseId, String actor, String organisation, AuditAction action,
                                   String requestId, Instant at) {
        var entry = new AuditEntry();
        entry.caseId = caseId;
        entry.actor = actor;
        entry.organisation = organisation;
        entry.action = action;
        entry.requestId = requestId;
        entry.at = at;
        entry.chainUnder(key, previousHash);
        return entry;
    }

    /** Whether this entry was made under {@code key}, its content still matches its hash and it follows {@code previousHash}. */
    public boolean follows(String expectedPreviousHash, AuditKey key) {
        return key.id().equals(keyId) && previousHash.equals(expectedPreviousHash) && hash.equals(mac(key));
    }

    /** Whether this entry is one of before the chain was keyed, still matching its plain hash and following {@code previousHash}. */
    public boolean followsUnkeyed(String expectedPreviousHash) {
        return keyId == null && previousHash.equals(expectedPreviousHash) && hash.equals(plainHash());
    }

    /** Chains this entry under {@code key} after {@code previousHash}. */
    public void chainUnder(AuditKey key, String previousHash) {
        this.previousHash = previousHash;
        this.keyId = key.id();
        this.hash = mac(key);
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

    public String keyId() {
        return keyId;
    }

    private String mac(AuditKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.secret());
            return HexFormat.of().formatHex(mac.doFinal(content()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String plainHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] content() {
        return String.join("\n", previousHash, caseId.toString(), actor, organisation, action.name(),
                requestId == null ? "" : requestId, at.toString()).getBytes(StandardCharsets.UTF_8);
    }
}
