package org.corridor.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A proposed policy version. Editors write and revise it; a different person, an approver who never edited it,
 * publishes it (four eyes). Once published it is frozen.
 */
@Entity
@Table(name = "policy_draft")
public class PolicyDraft {

    public enum Status { OPEN, PUBLISHED }

    @Id
    public UUID id;

    @Column(nullable = false, length = 2)
    public String country;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Embedded
    public PolicyContent content;

    @Column(nullable = false)
    public String author;

    /** Everyone who wrote any of it: none of them may publish it. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> editors;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Version
    @Column(nullable = false)
    public int revision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "published_version_id")
    public UUID publishedVersionId;

    public static PolicyDraft write(String country, ValidityPeriod period, PolicyContent content, String author, Instant now) {
        var draft = new PolicyDraft();
        draft.id = UUID.randomUUID();
        draft.country = country;
        draft.validFrom = period.validFrom();
        draft.validTo = period.validTo();
        draft.content = content;
        draft.author = author;
        draft.editors = new ArrayList<>(List.of(author));
        draft.status = Status.OPEN;
        draft.createdAt = now;
        draft.updatedAt = now;
        return draft;
    }

    public void revise(ValidityPeriod period, PolicyContent revised, String editor, Instant now) {
        requireOpen();
        validFrom = period.validFrom();
        validTo = period.validTo();
        content = revised;
        if (!editors.contains(editor)) {
            editors.add(editor);
        }
        updatedAt = now;
    }

    /** Publishes the draft as a new version recorded now; refused to anyone who edited it. */
    public PolicyVersion publish(String approver, Instant now) {
        requireOpen();
        if (editors.contains(approver)) {
            throw new FourEyesViolation();
        }
        PolicyVersion version = PolicyVersion.record(country, new ValidityPeriod(validFrom, validTo), content, now);
        version.draftId = id;
        version.publishedBy = approver;
        status = Status.PUBLISHED;
        publishedVersionId = version.id;
        updatedAt = now;
        return version;
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new DraftAlreadyPublished();
        }
    }

    /** The approver wrote part of the draft. */
    public static class FourEyesViolation extends RuntimeException {
        FourEyesViolation() {
            super("A draft must be published by someone who did not write it.", null, false, false);
        }
    }

    public static class DraftAlreadyPublished extends RuntimeException {
        DraftAlreadyPublished() {
            super("This draft is already published; published versions are never changed. Write a new draft to correct it.",
                    null, false, false);
        }
    }
}
