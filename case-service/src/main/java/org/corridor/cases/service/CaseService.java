package org.corridor.cases.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.corridor.cases.domain.AuditAction;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.cases.domain.JourneyEntry;
import org.corridor.cases.event.CaseEvents;
import org.corridor.cases.repository.CaseRepository;
import org.corridor.cases.rest.CaseRequest;
import org.corridor.cases.rest.CaseView;
import org.corridor.cases.rest.JourneyRequest;
import org.corridor.cases.rest.JourneyView;
import org.corridor.cases.rest.MemberInput;
import org.corridor.cases.security.PersonalData;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.http.Page;
import org.corridor.platform.identity.Caller;
import org.corridor.platform.idempotency.IdempotentRequests;
import org.corridor.platform.identity.Roles;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Case use cases, each in one transaction with its audit entry and its events; always within the caller's organisation. */
@ApplicationScoped
public class CaseService {

    private static final String OPEN_CASE = "open-case";

    private final CaseRepository cases;
    private final CaseViews views;
    private final CaseRisk risk;
    private final CaseEvents events;
    private final AuditTrail audit;
    private final IdempotentRequests idempotentRequests;
    private final Caller caller;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final Clock clock = Clock.systemUTC();

    public CaseService(CaseRepository cases, CaseViews views, CaseRisk risk, CaseEvents events, AuditTrail audit,
                       IdempotentRequests idempotentRequests, Caller caller, ObjectMapper objectMapper, Validator validator) {
        this.cases = cases;
        this.views = views;
        this.risk = risk;
        this.events = events;
        this.audit = audit;
        this.idempotentRequests = idempotentRequests;
        this.caller = caller;
        this.objectMapper = objectMapper;
        this.validator = validator;
    }

    /** Opens a case; with an Idempotency-Key a replay answers the case it created, another body under it is a 422. */
    @Transactional
    public CaseView open(CaseRequest request, String idempotencyKey) {
        String organisation = caller.organisation();
        var operation = new IdempotentRequests.Operation(OPEN_CASE, organisation);
        Optional<UUID> opened = idempotentRequests.created(operation, idempotencyKey, request);
        if (opened.isPresent()) {
            return read(opened.get());
        }
        CaseFile file = CaseFile.open(organisation, views.currentKeyId(), clock.instant());
        apply(file, request);
        risk.assess(file);
        cases.persist(file);
        idempotentRequests.remember(operation, idempotencyKey, request, file.id);
        audit.record(file.id, AuditAction.CREATE);
        events.opened(file);
        return views.view(file, readsPersonalData());
    }

    @Transactional
    public CaseView read(UUID id) {
        CaseFile file = owned(id);
        auditRead(file.id);
        return views.view(file, readsPersonalData());
    }

    @Transactional
    public Page<CaseView> list(CaseRepository.CaseFilter filter, String cursor, int limit) {
        Page.TimeAndId after = Page.timeAndId(cursor);
        List<CaseFile> page = cases.page(caller.organisation(), filter, after, limit + 1);
        boolean more = page.size() > limit;
        List<CaseFile> shown = more ? page.subList(0, limit) : page;
        shown.forEach(file -> auditRead(file.id));
        String next = more ? Page.cursorAfter(shown.getLast().createdAt, shown.getLast().id) : null;
        return new Page<>(shown.stream().map(file -> views.view(file, readsPersonalData())).toList(), next);
    }

    /** Applies a JSON merge patch (RFC 7396) to the case as an editor sees it, checked against its revision. */
    @Transactional
    public CaseView patch(UUID id, long expectedRevision, JsonNode patch) {
        CaseFile file = owned(id);
        if (file.revision != expectedRevision) {
            throw ProblemException.preconditionFailed();
        }
        if (!file.status.isActive()) {
            throw ProblemException.conflict("A " + org.corridor.platform.json.KebabCaseEnums.code(file.status)
                    + " case is final and cannot be changed.");
        }
        if (!patch.isObject()) {
            throw ProblemException.badRequest("A merge patch is a JSON object.");
        }
        JsonNode merged = mergePatch(objectMapper.valueToTree(editable(file)), patch);
        CaseRequest request;
        try {
            request = objectMapper.treeToValue(merged, CaseRequest.class);
        } catch (JsonProcessingException e) {
            throw new jakarta.ws.rs.BadRequestException(e);
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        apply(file, request);
        RiskLevel previousRisk = risk.assess(file);
        file.updatedAt = clock.instant();
        audit.record(file.id, AuditAction.UPDATE);
        events.updated(file);
        events.riskChanged(file, previousRisk);
        return views.view(file, readsPersonalData());
    }

    @Transactional
    public JourneyView recordJourney(UUID id, JourneyRequest request) {
        CaseFile file = owned(id);
        String country = CountryCodes.require("country", request.country());
        CaseStatus previousStatus = file.record(request.kind(), country, clock.instant());
        var entry = new JourneyEntry();
        entry.id = UUID.randomUUID();
        entry.caseId = file.id;
        entry.sequence = nextJourneySequence(file.id);
        entry.kind = request.kind();
        entry.country = country;
        entry.date = request.date();
        entry.place = views.seal(file, CaseViews.journeyPlace(entry.id), request.place());
        entry.recordedBy = caller.subject();
        entry.recordedAt = clock.instant();
        cases.getEntityManager().persist(entry);
        RiskLevel previousRisk = risk.assess(file);
        audit.record(file.id, AuditAction.JOURNEY);
        events.journeyRecorded(file, entry, previousStatus);
        events.riskChanged(file, previousRisk);
        return views.view(file, entry, readsPersonalData());
    }

    @Transactional
    public Page<JourneyView> journey(UUID id, String cursor, int limit) {
        CaseFile file = owned(id);
        int after = 0;
        if (cursor != null) {
            try {
                after = Integer.parseInt(Page.position(cursor));
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this list gave out");
            }
        }
        List<JourneyEntry> entries = cases.getEntityManager().createQuery(
                        "SELECT j FROM JourneyEntry j WHERE j.caseId = ?1 AND j.sequence > ?2 ORDER BY j.sequence", JourneyEntry.class)
                .setParameter(1, file.id).setParameter(2, after).setMaxResults(limit + 1).getResultList();
        boolean more = entries.size() > limit;
        List<JourneyEntry> shown = more ? entries.subList(0, limit) : entries;
        auditRead(file.id);
        return new Page<>(shown.stream().map(entry -> views.view(file, entry, readsPersonalData())).toList(),
                more ? Page.cursor(Integer.toString(shown.getLast().sequence)) : null);
    }

    @Transactional
    public CaseView close(UUID id, String reason) {
        CaseFile file = owned(id);
        CaseStatus previousStatus = file.status;
        file.close(views.seal(file, "closed-reason", reason), clock.instant());
        RiskLevel previousRisk = risk.assess(file);
        audit.record(file.id, AuditAction.CLOSE);
        events.closed(file, previousStatus);
        events.riskChanged(file, previousRisk);
        return views.view(file, readsPersonalData());
    }

    @Transactional
    public CaseView.Risk risk(UUID id) {
        CaseFile file = owned(id);
        audit.record(file.id, AuditAction.READ);
        return file.riskLevel == null ? new CaseView.Risk(null, List.of(), file.riskAssessedAt)
                : new CaseView.Risk(file.riskLevel, file.riskReasons, file.riskAssessedAt);
    }

    CaseFile owned(UUID id) {
        return cases.findOwned(id, caller.organisation()).orElseThrow(() -> ProblemException.notFound("The case"));
    }

    private boolean readsPersonalData() {
        return caller.hasRole(Roles.PROTECTION_OFFICER);
    }

    private void auditRead(UUID caseId) {
        audit.record(caseId, AuditAction.READ);
        if (readsPersonalData()) {
            audit.record(caseId, AuditAction.READ_PERSONAL_DATA);
        }
    }

    private int nextJourneySequence(UUID caseId) {
        Integer last = cases.getEntityManager()
                .createQuery("SELECT max(j.sequence) FROM JourneyEntry j WHERE j.caseId = ?1", Integer.class)
                .setParameter(1, caseId).getSingleResult();
        return last == null ? 1 : last + 1;
    }

    private CaseRequest editable(CaseFile file) {
        return new CaseRequest(file.members.stream().map(member -> views.editable(file, member)).toList(),
                file.currentCountry, file.plannedRoute, file.needs, views.notes(file));
    }

    /** Writes a request onto the case: countries checked, members matched by id, personal fields sealed. */
    private void apply(CaseFile file, CaseRequest request) {
        file.currentCountry = request.currentCountry() == null ? null : CountryCodes.require("currentCountry", request.currentCountry());
        List<String> route = new ArrayList<>();
        List<String> planned = request.plannedRoute() == null ? List.of() : request.plannedRoute();
        for (int i = 0; i < planned.size(); i++) {
            route.add(CountryCodes.require("plannedRoute[" + i + "]", planned.get(i)));
        }
        file.plannedRoute = route;
        file.needs = request.needs() == null ? List.of() : List.copyOf(request.needs());
        file.notes = views.seal(file, "notes", request.notes());

        Map<UUID, CaseMember> existing = new HashMap<>();
        file.members.forEach(member -> existing.put(member.id, member));
        List<CaseMember> members = new ArrayList<>();
        for (int i = 0; i < request.members().size(); i++) {
            MemberInput input = request.members().get(i);
            CaseMember member = input.id() == null ? new CaseMember() : existing.get(input.id());
            if (member == null) {
                throw ProblemException.invalidField("members[" + i + "].id", "is not a member of this case");
            }
            PersonalData kept = input.id() == null ? new PersonalData(null, null, null, null, null) : views.personalData(file, member);
            if (member.id == null) {
                member.id = UUID.randomUUID();
            }
            member.sex = input.sex();
            member.ageBand = input.ageBand();
            member.vulnerabilities = input.vulnerabilities() == null ? List.of()
                    : input.vulnerabilities().stream().map(Enum::name).sorted().toList();
            views.sealMember(file, member, input.alias(), new PersonalData(
                    or(input.legalName(), kept.legalName()), or(input.dateOfBirth(), kept.dateOfBirth()),
                    or(input.placeOfOrigin(), kept.placeOfOrigin()), or(input.relatives(), kept.relatives()),
                    or(input.contact(), kept.contact())));
            members.add(member);
        }
        file.members.clear();
        file.members.addAll(members);
    }

    private static String or(String given, String kept) {
        return given != null ? given : kept;
    }

    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
        patch.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }
}
