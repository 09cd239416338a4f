package org.corridor.policy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.corridor.platform.country.CountryCodes;
import org.corridor.platform.idempotency.IdempotentRequests;
import org.corridor.platform.problem.ProblemException;
import org.corridor.policy.domain.PolicyContent;
import org.corridor.policy.domain.PolicyDraft;
import org.corridor.policy.domain.PolicyTimeline;
import org.corridor.policy.domain.PolicyVersion;
import org.corridor.platform.policy.RouteRiskAssessor;
import org.corridor.policy.domain.ValidityPeriod;
import org.corridor.platform.policy.Vulnerability;
import org.corridor.policy.event.PolicyEvents;
import org.corridor.policy.repository.PolicyDraftRepository;
import org.corridor.policy.repository.PolicyVersionRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Country policy use cases: reading it at any day as known at any time, the four-eyes change workflow, route risk. */
@ApplicationScoped
public class PolicyService {

    private static final String WRITE_DRAFT = "write-policy-draft";

    private final PolicyVersionRepository versions;
    private final PolicyDraftRepository drafts;
    private final PolicyEvents events;
    private final IdempotentRequests idempotentRequests;
    private final Clock clock = Clock.systemUTC();

    public PolicyService(PolicyVersionRepository versions, PolicyDraftRepository drafts, PolicyEvents events,
                         IdempotentRequests idempotentRequests) {
        this.versions = versions;
        this.drafts = drafts;
        this.events = events;
        this.idempotentRequests = idempotentRequests;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    @Transactional
    public List<CountryPolicy> countries() {
        LocalDate today = today();
        Instant now = clock.instant();
        return versions.countries().stream()
                .map(code -> new CountryPolicy(code, versions.timelineOf(code).inForce(today, now)))
                .toList();
    }

    @Transactional
    public PolicyTimeline.InForce policyOn(String country, LocalDate day, Instant knownAt) {
        return knownTimeline(country).inForce(day, knownAt)
                .orElseThrow(() -> ProblemException.notFound("A policy for " + country + " on " + day));
    }

    @Transactional
    public List<PolicyVersion> history(String country) {
        return knownTimeline(country).history();
    }

    /** Writes a draft; with an Idempotency-Key a retry answers the draft it wrote, another body under it is a 422. */
    @Transactional
    public PolicyDraft writeDraft(String country, ValidityPeriod period, PolicyContent content, String author,
                                  String idempotencyKey) {
        var operation = new IdempotentRequests.Operation(WRITE_DRAFT, author);
        Object request = List.of(country, period, content);
        Optional<UUID> written = idempotentRequests.created(operation, idempotencyKey, request);
        if (written.isPresent()) {
            return draft(country, written.get());
        }
        var draft = PolicyDraft.write(country, period, content, author, clock.instant());
        drafts.persist(draft);
        idempotentRequests.remember(operation, idempotencyKey, request, draft.id);
        return draft;
    }

    @Transactional
    public PolicyDraft draft(String country, UUID id) {
        return drafts.findByIdOptional(id).filter(draft -> draft.country.equals(country))
                .orElseThrow(() -> ProblemException.notFound("The draft"));
    }

    @Transactional
    public List<PolicyDraft> openDrafts(String country) {
        return drafts.openDrafts(country);
    }

    @Transactional
    public PolicyDraft reviseDraft(String country, UUID id, int expectedRevision, ValidityPeriod period,
                                   PolicyContent content, String editor) {
        PolicyDraft draft = draft(country, id);
        if (draft.revision != expectedRevision) {
            throw ProblemException.preconditionFailed();
        }
        draft.revise(period, content, editor, clock.instant());
        drafts.flush();
        return draft;
    }

    /** Publishes a draft and emits {@code policy.published} in the same transaction. */
    @Transactional
    public PolicyVersion publish(String country, UUID draftId, String approver) {
        PolicyDraft draft = draft(country, draftId);
        PolicyVersion version = draft.publish(approver, clock.instant());
        versions.persist(version);
        events.published(version);
        return version;
    }

    /** Records a version of the reference data shipped with Corridor, once; answers whether it was new. */
    @Transactional
    public boolean recordReference(String referenceKey, String country, ValidityPeriod period, PolicyContent content) {
        if (versions.hasReference(referenceKey)) {
            return false;
        }
        PolicyVersion version = PolicyVersion.record(country, period, content, clock.instant());
        version.referenceKey = referenceKey;
        version.publishedBy = "corridor-reference-data";
        versions.persist(version);
        events.published(version);
        return true;
    }

    @Transactional
    public RouteRiskAssessor.Assessment assessRoute(List<String> countries, Set<Vulnerability> vulnerabilities, LocalDate day) {
        for (int i = 0; i < countries.size(); i++) {
            if (!versions.hasCountry(countries.get(i))) {
                throw ProblemException.invalidField("countries[" + i + "]", "is a country Corridor has no policy for");
            }
        }
        Instant now = clock.instant();
        return RouteRiskAssessor.assess(countries, vulnerabilities, day, country ->
                versions.timelineOf(country).inForce(day, now).map(inForce -> inForce.version().content.terms()));
    }

    private PolicyTimeline knownTimeline(String country) {
        PolicyTimeline timeline = versions.timelineOf(country);
        if (timeline.history().isEmpty()) {
            throw ProblemException.notFound("Policy for " + CountryCodes.name(country));
        }
        return timeline;
    }

    public record CountryPolicy(String code, Optional<PolicyTimeline.InForce> today) {
    }
}
