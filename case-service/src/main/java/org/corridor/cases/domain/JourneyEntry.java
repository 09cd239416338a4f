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

/** One event of a case's journey, in the order recorded. The place is free text, so it is stored sealed. */
@Entity
@Table(name = "journey_entry")
public class JourneyEntry {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false)
    public UUID caseId;

    @Column(nullable = false)
    public int sequence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JourneyKind kind;

    @Column(nullable = false)
    public String country;

    @Column(name = "event_date", nullable = false)
    public LocalDate date;

    public byte[] place;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
