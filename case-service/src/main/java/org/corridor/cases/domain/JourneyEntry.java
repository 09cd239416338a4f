package org.corridor.cases.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.corridor.platform.cases.JourneyKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One event of a case's journey. A journey is in the order its events happened, those of one day in the order they
 * were recorded ({@code sequence}). The place is free text, so it is stored sealed.
 */
@Entity
@Table(name = "journey_entry")
public class JourneyEntry {

    @Id
    private UUID id;

    @Column(name = "case_id", nullable = false)
    private UUID caseId;

    @Column(nullable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JourneyKind kind;

    @Column(nullable = false)
    private String country;

    @Column(name = "event_date", nullable = false)
    private LocalDate date;

    private byte[] place;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    /** No journey out of North Korea happened before the state was founded: an earlier date is a mistake. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1948, 9, 9);

    /** Where an event stands in its journey. */
    public record Position(LocalDate date, int sequence) {
    }

    protected JourneyEntry() {
    }

    /** The next event of a case; its place is sealed under the entry's id, so {@link #sealPlace} follows. */
    public static JourneyEntry next(UUID caseId, int sequence, JourneyKind kind, String country, LocalDate date,
                                    String recordedBy, Instant recordedAt) {
        var entry = new JourneyEntry();
        entry.id = UUID.randomUUID();
        entry.caseId = caseId;
        entry.sequence = sequence;
        entry.kind = kind;
        entry.country = country;
        entry.date = date;
        entry.recordedBy = recordedBy;
        entry.recordedAt = recordedAt;
        return entry;
    }

    public void sealPlace(byte[] sealedPlace) {
        place = sealedPlace;
    }

    public UUID id() {
        return id;
    }

    public UUID caseId() {
        return caseId;
    }

    public int sequence() {
        return sequence;
    }

    public Position position() {
        return new Position(date, sequence);
    }

    public JourneyKind kind() {
        return kind;
    }

    public String country() {
        return country;
    }

    public LocalDate date() {
        return date;
    }

    public byte[] place() {
        return place;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
