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
import org.corridor.platform.json.KebabCaseEnums;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.RouteRiskAssessor;
import org.corridor.platform.policy.Vulnerability;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A protection case: one person or a group travelling together, owned by one organisation. Personal fields are held
 * sealed with the case's own data key, which is held wrapped by a version of its organisation's key (a case sealed
 * before had no key of its own: {@code keyId} names the master key of its organisation's derived key until it moves to
 * one); status follows the journey.
 */
@Entity
@Table(name = "case_file")
public class CaseFile {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CaseStatus status;

    @Column(name = "current_country")
    private String currentCountry;

    // This list and the two below are replaced, never changed in place, so Hibernate need not copy them to see a
    // change: for the JSON ones a copy is a serialisation and a parse, on every load and every write.
    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "planned_route", nullable = false, columnDefinition = "text[]")
    private List<String> plannedRoute;

    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<Need> needs;

    private byte[] notes;

    @Column(name = "closed_reason")
    private byte[] closedReason;

    @Column(name = "key_id")
    private String keyId;

    // Written with the row when a case is opened, and after that only by statements of their own (a transfer, the
    // re-wrapping of a retired organisation key version running beside requests), never from a loaded entity.
    @Column(name = "data_key", updatable = false)
    private byte[] dataKey;

    @Column(name = "data_key_version", updatable = false)
    private UUID dataKeyVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level")
    private RiskLevel riskLevel;

    @Mutability(Immutability.class)
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "risk_reasons", columnDefinition = "jsonb")
    private List<RiskReason> riskReasons;

    @Column(name = "risk_assessed_at")
    private Instant riskAssessedAt;

    @Column(name = "erased_at")
    private Instant erasedAt;

    /** When the case became final; retention counts from it. */
    @Column(name = "final_since")
    private Instant finalSince;

    @Version
    @Column(nullable = false)
    private int revision;

    @Column(name = "opened_on", nullable = false)
    private LocalDate openedOn;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "case_id", nullable = false)
    @OrderColumn(name = "position")
    private List<CaseMember> members = new ArrayList<>();

    protected CaseFile() {
    }

    /** A new case; its data key is given next ({@link #holdDataKey}), before any field is sealed. */
    public static CaseFile open(String organisation, Instant now) {
        var file = new CaseFile();
        file.id = UUID.randomUUID();
        file.organisation = organisation;
        file.status = CaseStatus.OPEN;
        file.plannedRoute = List.of();
        file.needs = List.of();
        file.openedOn = LocalDate.ofInstant(now, ZoneOffset.UTC);
        file.createdAt = now;
        file.updatedAt = now;
        return file;
    }

    /**
     * A case as set-based re-scoring reads it from its row, outside the persistence context: only what its risk, its
     * alert and its events need. Never persisted or merged; re-scoring writes what it changes itself.
     */
    public static CaseFile forRescoring(UUID id, String organisation, CaseStatus status, String currentCountry,
                                        List<String> plannedRoute, RiskLevel riskLevel, int revision, LocalDate openedOn,
                                        List<CaseMember> members) {
        var file = new CaseFile();
        file.id = id;
        file.organisation = organisation;
        file.status = status;
        file.currentCountry = currentCountry;
        file.plannedRoute = List.copyOf(plannedRoute);
        file.riskLevel = riskLevel;
        file.revision = revision;
        file.openedOn = openedOn;
        file.members.addAll(members);
        return file;
    }

    /** Counts a write of a case read {@link #forRescoring}, which re-scoring made itself. */
    public void countWrite() {
        revision++;
    }

    /** Where the case is and is heading, and what it needs: codes only, checked by the caller. */
    public void describe(String currentCountry, List<String> plannedRoute, List<Need> needs) {
        this.currentCountry = currentCountry;
        this.plannedRoute = List.copyOf(plannedRoute);
        this.needs = List.copyOf(needs);
    }

    public void replaceNotes(byte[] sealedNotes) {
        notes = sealedNotes;
    }

    /** The case's people from now on, in order; a member left out is removed with its data. */
    public void replaceMembers(List<CaseMember> kept) {
        members.clear();
        members.addAll(kept);
    }

    public Optional<CaseMember> member(UUID memberId) {
        return members.stream().filter(member -> member.id().equals(memberId)).findFirst();
    }

    /**
     * Applies a journey event that happened after every other: the status moves as the state machine allows, and the
     * case is where the event was. Answers the status it had.
     */
    public CaseStatus record(JourneyKind kind, String country, Instant now) {
        CaseStatus previous = status;
        status = status.after(kind);
        currentCountry = country;
        moved(now);
        return previous;
    }

    /**
     * Places an event that happened before the latest of the journey where it belongs, and derives status and place
     * from the whole journey in the order it happened. Answers the status it had.
     */
    public CaseStatus recordLate(JourneyEntry late, List<JourneyEntry> journey, Instant now) {
        if (!status.isActive()) {
            throw new StatusTransitionRefused("A case that is " + KebabCaseEnums.code(status)
                    + " cannot record its journey any more.");
        }
        List<JourneyEntry> inOrder = new ArrayList<>(journey);
        inOrder.add(late);
        inOrder.sort(Comparator.comparing(JourneyEntry::date).thenComparingInt(JourneyEntry::sequence));
        CaseStatus replayed = CaseStatus.OPEN;
        try {
            for (JourneyEntry event : inOrder) {
                replayed = replayed.after(event.kind());
            }
        } catch (StatusTransitionRefused refused) {
            throw new StatusTransitionRefused("Placed on its date among the events already recorded, this event does not"
                    + " fit the journey: " + refused.getMessage());
        }
        CaseStatus previous = status;
        status = replayed;
        currentCountry = inOrder.getLast().country();
        moved(now);
        return previous;
    }

    /** Closes an active case for good and answers the status it had. */
    public CaseStatus close(byte[] sealedReason, Instant now) {
        if (!status.isActive()) {
            throw new StatusTransitionRefused("Only an active case can be closed; this one is already final.");
        }
        CaseStatus previous = status;
        status = CaseStatus.CLOSED;
        closedReason = sealedReason;
        moved(now);
        return previous;
    }

    private void moved(Instant now) {
        updatedAt = now;
        if (!status.isActive()) {
            finalSince = now;
        }
    }

    public void touch(Instant now) {
        updatedAt = now;
    }

    /**
     * The countries its risk is scored over: where it is and the rest of its planned route; none once it is final,
     * as a final case has no risk.
     */
    public List<String> riskRoute() {
        if (!status.isActive()) {
            return List.of();
        }
        Set<String> route = new LinkedHashSet<>();
        if (currentCountry != null) {
            route.add(currentCountry);
        }
        route.addAll(remainingRoute());
        return List.copyOf(route);
    }

    /** The countries still ahead: the planned route after the current country, or all of it before departure. */
    public List<String> remainingRoute() {
        int here = currentCountry == null ? -1 : plannedRoute.indexOf(currentCountry);
        return plannedRoute.subList(here + 1, plannedRoute.size());
    }

    /** Every vulnerability of any member. */
    public Set<Vulnerability> vulnerabilities() {
        Set<Vulnerability> all = EnumSet.noneOf(Vulnerability.class);
        members.forEach(member -> all.addAll(member.vulnerabilities()));
        return all;
    }

    /** Takes a new risk assessment (null: nothing to score) and answers the level it had before. */
    public RiskLevel assessed(RouteRiskAssessor.Assessment assessment, Instant now) {
        RiskLevel previous = riskLevel;
        if (assessment == null) {
            riskLevel = null;
            riskReasons = List.of();
        } else {
            riskLevel = assessment.overall();
            riskReasons = assessment.legs().stream()
                    .map(leg -> new RiskReason(leg.country(), leg.risk(), leg.reasons()))
                    .toList();
        }
        riskAssessedAt = now;
        return previous;
    }

    /** Hands the case to another organisation, whose key must wrap the case's data key from now on. */
    public String transferTo(String receiver, Instant now) {
        String previous = organisation;
        organisation = receiver;
        updatedAt = now;
        return previous;
    }

    /** The case's data key, wrapped by the organisation key version named. */
    public void holdDataKey(UUID version, byte[] wrapped) {
        dataKeyVersion = version;
        dataKey = wrapped;
    }

    /**
     * A case sealed before it had a key of its own moves to one: its notes and closing reason as sealed again under
     * its data key (its members' fields and its journey's places are sealed again on them).
     */
    public void moveToOwnKey(byte[] sealedNotes, byte[] sealedClosedReason) {
        keyId = null;
        notes = sealedNotes;
        closedReason = sealedClosedReason;
    }

    /**
     * Erases the case's personal data: its sealed fields emptied (its journey's places are emptied on the entries),
     * its codes kept. Its data key is destroyed apart, as a loaded case never writes it.
     */
    public void erase(Instant now) {
        if (erasedAt != null) {
            throw new IllegalStateException("the case is already erased");
        }
        notes = null;
        closedReason = null;
        keyId = null;
        members.forEach(member -> member.seal(null, null));
        erasedAt = now;
        updatedAt = now;
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    public Instant erasedAt() {
        return erasedAt;
    }

    public Instant finalSince() {
        return finalSince;
    }

    /** Whether the fields are sealed under the case's own data key, not a key derived for its organisation. */
    public boolean hasOwnKey() {
        return keyId == null;
    }

    public UUID id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public CaseStatus status() {
        return status;
    }

    public String currentCountry() {
        return currentCountry;
    }

    public List<String> plannedRoute() {
        return Collections.unmodifiableList(plannedRoute);
    }

    public List<Need> needs() {
        return Collections.unmodifiableList(needs);
    }

    public byte[] notes() {
        return notes;
    }

    public byte[] closedReason() {
        return closedReason;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] dataKey() {
        return dataKey;
    }

    public UUID dataKeyVersion() {
        return dataKeyVersion;
    }

    public RiskLevel riskLevel() {
        return riskLevel;
    }

    public List<RiskReason> riskReasons() {
        return riskReasons == null ? List.of() : Collections.unmodifiableList(riskReasons);
    }

    public Instant riskAssessedAt() {
        return riskAssessedAt;
    }

    public int revision() {
        return revision;
    }

    public LocalDate openedOn() {
        return openedOn;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<CaseMember> members() {
        return Collections.unmodifiableList(members);
    }

    /** One reason behind the case's risk, for a country. */
    public record RiskReason(String country, RiskLevel risk, List<String> reasons) {
    }
}
