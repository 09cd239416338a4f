package org.corridor.cases.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseDescription;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.cases.domain.JourneyEntry;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.repository.EmergencyAccessRepository;
import org.corridor.cases.repository.JourneyRepository;
import org.corridor.cases.security.PersonalData;
import org.corridor.platform.cases.JourneyKind;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.idempotency.IdempotentRequests;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.json.KebabCaseEnums;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.problem.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Case use cases, each in one transaction with its audit entries and its events; always within the caller's
 * organisation. A command changes the case, writes it once, then records its audit entries and its events.
 */
@ApplicationScoped
public class CaseService {

    private static final String OPEN_CASE = "open-case";

    private final CaseRepository cases;
    private final JourneyRepository journeys;
    private final SealedFields sealed;
    private final CaseRisk risk;
    private final CaseEvents events;
    private final AuditTrail audit;
    private final IdempotentRequests idempotentRequests;
    private final EmergencyAccessRepository emergencyAccesses;
    private final Caller caller;
    private final Clock clock;

    public CaseService(CaseRepository cases, JourneyRepository journeys, SealedFields sealed, CaseRisk risk,
                       CaseEvents events, AuditTrail audit, IdempotentRequests idempotentRequests,
                       EmergencyAccessRepository emergencyAccesses, Caller caller, Clock clock) {
        this.cases = cases;
        this.journeys = journeys;
        this.sealed = sealed;
        this.risk = risk;
        this.events = events;
        this.audit = audit;
        this.idempotentRequests = idempotentRequests;
        this.emergencyAccesses = emergencyAccesses;
        this.caller = caller;
        this.clock = clock;
    }

    /** Opens a case; with an Idempotency-Key a replay answers the case it created, another body under it is a 422. */
    @Transactional
    public VisibleCase open(CaseDescription description, String idempotencyKey) {
        String organisation = caller.organisation();
        // the caller's own keys: another member of the organisation reusing one cannot test a guessed body against it
        var operation = new IdempotentRequests.Operation(OPEN_CASE, organisation + "/" + caller.subject());
        Optional<UUID> opened = idempotentRequests.created(operation, idempotencyKey, description);
        if (opened.isPresent()) {
            return read(opened.get());
        }
        CaseFile file = newCase(organisation);
        Plaintext plaintext = describe(file, description, Plaintext.NONE);
        risk.assess(file);
        cases.persist(file);
        idempotentRequests.remember(operation, idempotencyKey, description, file.id());
        cases.flush();
        audit.recordOpened(file.id(), answered(reading(), AuditAction.CREATE));
        events.opened(file);
        return plaintext.visibleTo(file, reading().showsPersonalData());
    }

    /**
     * A case of {@code organisation} as described, its personal fields sealed, neither scored nor persisted: how an
     * import begins each case it creates, as {@link #open} does.
     */
    public CaseFile compose(String organisation, CaseDescription description) {
        CaseFile file = newCase(organisation);
        describe(file, description, Plaintext.NONE);
        return file;
    }

    private CaseFile newCase(String organisation) {
        CaseFile file = CaseFile.open(organisation, clock.instant());
        sealed.giveKey(file);
        return file;
    }

    @Transactional
    public VisibleCase read(UUID id) {
        CaseFile file = owned(id);
        Reading reading = reading(file);
        audit.record(file.id(), answered(reading, AuditAction.READ));
        return visible(file, reading);
    }

    @Transactional
    public Page<VisibleCase> list(CaseRepository.CaseFilter filter, String cursor, int limit) {
        Page<CaseFile> page = Paging.page(cases.page(caller.organisation(), filter, Page.timeAndId(cursor), limit + 1), limit,
                file -> Page.cursorAfter(file.createdAt(), file.id()));
        audit.recordEach(caller.subject(), page.items().stream()
                .collect(Collectors.toMap(CaseFile::id, CaseFile::organisation, (a, b) -> a, LinkedHashMap::new)),
                answered(reading(), AuditAction.READ));
        return new Page<>(page.items().stream().map(file -> visible(file, reading())).toList(), page.next());
    }

    /**
     * Changes the case to what {@code edit} makes of it as it was written, checked against its revision. Only what
     * the edit changed is sealed again.
     */
    @Transactional
    public VisibleCase update(UUID id, long expectedRevision, UnaryOperator<CaseDescription> edit) {
        CaseFile file = owned(id);
        if (file.revision() != expectedRevision) {
            throw ProblemException.preconditionFailed();
        }
        if (!file.status().isActive()) {
            throw ProblemException.conflict("A " + KebabCaseEnums.code(file.status()) + " case is final and cannot be changed.");
        }
        Plaintext before = Plaintext.of(file, sealed);
        Plaintext after = describe(file, edit.apply(before.description(file)), before);
        RiskLevel previousRisk = risk.assess(file);
        file.touch(clock.instant());
        cases.flush();
        Reading reading = reading(file);
        audit.record(file.id(), answered(reading, AuditAction.UPDATE));
        events.updated(file, previousRisk);
        return after.visibleTo(file, reading.showsPersonalData());
    }

    @Transactional
    public VisibleJourneyEntry recordJourney(UUID id, JourneyKind kind, String country, LocalDate date, String place) {
        CaseFile file = owned(id);
        String code = CountryCodes.require("country", country);
        Instant now = clock.instant();
        requirePlausible(date, now);
        JourneyRepository.End end = journeys.end(file.id());
        var entry = JourneyEntry.next(file.id(), end.nextSequence(), kind, code, date, caller.subject(), now);
        CaseStatus previousStatus = end.endsAfter(date)
                ? file.recordLate(entry, journeys.of(file.id()), now)
                : file.record(kind, code, now);
        entry.sealPlace(sealed.sealPlace(file, entry.id(), place));
        journeys.persist(entry);
        RiskLevel previousRisk = risk.assess(file);
        cases.flush();
        Reading reading = reading(file);
        audit.record(file.id(), answered(reading, AuditAction.JOURNEY));
        events.journeyRecorded(file, entry, previousStatus, previousRisk);
        return new VisibleJourneyEntry(entry, reading.showsPersonalData() ? place : null);
    }

    @Transactional
    public Page<VisibleJourneyEntry> journey(UUID id, String cursor, int limit) {
        CaseFile file = owned(id);
        Page<JourneyEntry> page = Paging.page(journeys.page(file.id(), journeyPosition(cursor), limit + 1), limit,
                entry -> Page.cursor(entry.date() + "/" + entry.sequence()));
        Reading reading = reading(file);
        audit.record(file.id(), answered(reading, AuditAction.READ));
        boolean withPlaces = reading.showsPersonalData();
        return new Page<>(page.items().stream()
                .map(entry -> new VisibleJourneyEntry(entry, withPlaces ? sealed.place(file, entry.id(), entry.place()) : null))
                .toList(), page.next());
    }

    /** A day of clock skew is allowed, so an event recorded just after midnight somewhere east of UTC is not refused. */
    private void requirePlausible(LocalDate date, Instant now) {
        if (date.isAfter(LocalDate.ofInstant(now, clock.getZone()).plusDays(1))) {
            throw ProblemException.invalidField("date", "is in the future");
        }
        if (date.isBefore(JourneyEntry.EARLIEST_DATE)) {
            throw ProblemException.invalidField("date", "is before " + JourneyEntry.EARLIEST_DATE + ", which no journey can be");
        }
    }

    private static JourneyEntry.Position journeyPosition(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] position = Page.position(cursor).split("/");
        try {
            return new JourneyEntry.Position(LocalDate.parse(position[0]), Integer.parseInt(position[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
        }
    }

    @Transactional
    public VisibleCase close(UUID id, String reason) {
        CaseFile file = owned(id);
        CaseStatus previousStatus = file.close(sealed.sealClosedReason(file, reason), clock.instant());
        RiskLevel previousRisk = risk.assess(file);
        cases.flush();
        Reading reading = reading(file);
        audit.record(file.id(), answered(reading, AuditAction.CLOSE));
        events.closed(file, previousStatus, previousRisk);
        return visible(file, reading);
    }

    /** A case with its whole journey, personal data included, for a subject-access export (audited as such). */
    public record InFull(VisibleCase visible, List<VisibleJourneyEntry> journey) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public InFull inFullForSubjectAccess(UUID id) {
        CaseFile file = owned(id);
        audit.record(file.id(), AuditAction.SUBJECT_ACCESS, AuditAction.READ_PERSONAL_DATA);
        return new InFull(Plaintext.of(file, sealed).visibleTo(file, true), journeys.of(file.id()).stream()
                .map(entry -> new VisibleJourneyEntry(entry, sealed.place(file, entry.id(), entry.place()))).toList());
    }

    @Transactional
    public CaseFile risk(UUID id) {
        CaseFile file = owned(id);
        audit.record(file.id(), AuditAction.READ);
        return file;
    }

    /** A case of the caller's organisation, locked for the transaction; any other is not found, an erased one gone. */
    CaseFile owned(UUID id) {
        CaseFile file = ownedOrErased(id);
        if (file.isErased()) {
            throw erased(file);
        }
        return file;
    }

    /** A case of the caller's organisation, erased or not, locked for the transaction; any other is not found. */
    CaseFile ownedOrErased(UUID id) {
        return cases.findOwned(id, caller.organisation()).orElseThrow(() -> ProblemException.notFound("The case"));
    }

    static ProblemException erased(CaseFile file) {
        return new ProblemException(410, "gone", "Gone", "The case's personal data was erased on "
                + LocalDate.ofInstant(file.erasedAt(), ZoneOffset.UTC) + "; nobody can read it any more. Its audit trail "
                + "remains.");
    }

    /** How the caller reads personal data: in full as a protection officer, in an emergency, or masked. */
    private enum Reading {
        IN_FULL, IN_AN_EMERGENCY, MASKED;

        boolean showsPersonalData() {
            return this != MASKED;
        }
    }

    /** How the caller's role reads personal data, whatever the case. */
    private Reading reading() {
        return caller.hasRole(Roles.PROTECTION_OFFICER) ? Reading.IN_FULL : Reading.MASKED;
    }

    /** How the caller reads this case's personal data: a caseworker with an open emergency access to it reads it too. */
    private Reading reading(CaseFile file) {
        Reading byRole = reading();
        return byRole == Reading.MASKED && caller.hasRole(Roles.CASEWORKER)
                && emergencyAccesses.isOpen(file.id(), caller.subject(), clock.instant()) ? Reading.IN_AN_EMERGENCY : byRole;
    }

    /** What the caller did, and, when the answer gives the caller personal data, that read of it and how it was allowed. */
    private static AuditAction[] answered(Reading reading, AuditAction action) {
        return switch (reading) {
            case IN_FULL -> new AuditAction[] {action, AuditAction.READ_PERSONAL_DATA};
            case IN_AN_EMERGENCY -> new AuditAction[] {action, AuditAction.EMERGENCY_ACCESS};
            case MASKED -> new AuditAction[] {action};
        };
    }

    private VisibleCase visible(CaseFile file, Reading reading) {
        return reading.showsPersonalData() ? Plaintext.of(file, sealed).visibleTo(file, true)
                : Plaintext.aliasesOf(file, sealed).visibleTo(file, false);
    }

    /**
     * Writes a description onto the case: countries checked, members matched by id, and what changed from
     * {@code before} sealed; answers the case's plain text as now written.
     */
    private Plaintext describe(CaseFile file, CaseDescription description, Plaintext before) {
        String currentCountry = description.currentCountry() == null ? null
                : CountryCodes.require("currentCountry", description.currentCountry());
        List<String> route = new ArrayList<>();
        List<String> planned = description.plannedRoute() == null ? List.of() : description.plannedRoute();
        for (int i = 0; i < planned.size(); i++) {
            route.add(CountryCodes.require("plannedRoute[" + i + "]", planned.get(i)));
        }
        file.describe(currentCountry, route, description.needs() == null ? List.of() : description.needs());
        if (before == Plaintext.NONE || !Objects.equals(before.notes(), description.notes())) {
            file.replaceNotes(sealed.sealNotes(file, description.notes()));
        }

        Map<UUID, String> aliases = new HashMap<>();
        Map<UUID, PersonalData> personalData = new HashMap<>();
        List<CaseMember> members = new ArrayList<>();
        for (int i = 0; i < description.members().size(); i++) {
            CaseDescription.Member given = description.members().get(i);
            String field = "members[" + i + "].id";
            CaseMember member = given.id() == null ? CaseMember.joining() : file.member(given.id())
                    .orElseThrow(() -> ProblemException.invalidField(field, "is not a member of this case"));
            PersonalData personal = given.id() == null ? given.personal() : given.personalOr(before.personalData().get(member.id()));
            member.describe(given.sex(), given.ageBand(),
                    given.vulnerabilities() == null ? List.of() : given.vulnerabilities());
            boolean aliasChanged = !given.alias().equals(before.aliases().get(member.id()));
            boolean personalChanged = !personal.equals(before.personalData().get(member.id()));
            if (aliasChanged || personalChanged) {
                member.seal(aliasChanged ? sealed.sealAlias(file, member.id(), given.alias()) : member.alias(),
                        personalChanged ? sealed.sealPersonalData(file, member.id(), personal) : member.personalData());
            }
            aliases.put(member.id(), given.alias());
            personalData.put(member.id(), personal);
            members.add(member);
        }
        file.replaceMembers(members);
        return new Plaintext(aliases, personalData, description.notes());
    }

    /** A case's sealed fields in plain text: aliases and personal data by member id, and the notes. */
    private record Plaintext(Map<UUID, String> aliases, Map<UUID, PersonalData> personalData, String notes) {

        static final Plaintext NONE = new Plaintext(Map.of(), Map.of(), null);

        static Plaintext of(CaseFile file, SealedFields sealed) {
            Map<UUID, String> aliases = new HashMap<>();
            Map<UUID, PersonalData> personalData = new HashMap<>();
            for (CaseMember member : file.members()) {
                aliases.put(member.id(), sealed.alias(file, member.id(), member.alias()));
                personalData.put(member.id(), sealed.personalData(file, member.id(), member.personalData()));
            }
            return new Plaintext(aliases, personalData, sealed.notes(file));
        }

        static Plaintext aliasesOf(CaseFile file, SealedFields sealed) {
            Map<UUID, String> aliases = new HashMap<>();
            file.members().forEach(member -> aliases.put(member.id(), sealed.alias(file, member.id(), member.alias())));
            return new Plaintext(aliases, Map.of(), null);
        }

        /** The case as written, for an edit to start from. */
        CaseDescription description(CaseFile file) {
            return new CaseDescription(file.members().stream().map(member -> {
                PersonalData personal = personalData.get(member.id());
                return new CaseDescription.Member(member.id(), aliases.get(member.id()), member.sex(), member.ageBand(),
                        member.vulnerabilities(), personal.legalName(), personal.dateOfBirth(),
                        personal.placeOfOrigin(), personal.relatives(), personal.contact());
            }).toList(), file.currentCountry(), file.plannedRoute(), file.needs(), notes);
        }

        VisibleCase visibleTo(CaseFile file, boolean withPersonalData) {
            return withPersonalData ? new VisibleCase(file, aliases, personalData, notes, true)
                    : new VisibleCase(file, aliases, Map.of(), null, false);
        }
    }
}
