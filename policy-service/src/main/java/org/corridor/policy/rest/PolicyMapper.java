package org.corridor.policy.rest;

import org.corridor.policy.domain.DraftImpact;
import org.corridor.policy.domain.PolicyContent;
import org.corridor.policy.domain.PolicyDraft;
import org.corridor.policy.domain.PolicyVersion;
import org.corridor.platform.policy.RouteRiskAssessor;
import org.corridor.policy.domain.ValidityPeriod;
import org.corridor.platform.json.KebabCaseEnums;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Turns entities into the API's records and back; entities never leave the service. */
public final class PolicyMapper {

    private PolicyMapper() {
    }

    public static ValidityPeriod period(PolicyFields fields) {
        return new ValidityPeriod(fields.validFrom(), fields.validTo());
    }

    public static PolicyContent content(PolicyFields fields) {
        var content = new PolicyContent();
        content.refugeeRecognition = fields.refugeeRecognition();
        content.repatriation = fields.repatriation();
        content.detention = fields.detention();
        content.embassyHandover = fields.embassyHandover();
        content.penaltiesForHelpers = fields.penaltiesForHelpers();
        content.unhcrAccess = fields.unhcrAccess();
        content.supportAvailable = fields.supportAvailable();
        content.riskLevel = fields.riskLevel();
        content.summary = fields.summary();
        content.sources = List.copyOf(fields.sources());
        content.confidence = fields.confidence();
        return content;
    }

    /** A version as published; {@code validTo} is where it stops applying, which a later version may bring forward. */
    public static PolicyVersionView view(PolicyVersion version, LocalDate validTo) {
        return new PolicyVersionView(version.id, version.country, version.recordedAt,
                fields(version.validFrom, validTo, version.content));
    }

    public static PolicyVersionView view(PolicyVersion version) {
        return view(version, version.validTo);
    }

    public static PolicyDraftView view(PolicyDraft draft) {
        return new PolicyDraftView(draft.id, draft.country, KebabCaseEnums.code(draft.status), List.copyOf(draft.editors),
                draft.revision, draft.createdAt, draft.updatedAt, draft.publishedVersionId,
                fields(draft.validFrom, draft.validTo, draft.content));
    }

    public static PolicyImpactView view(UUID draftId, DraftImpact impact) {
        return new PolicyImpactView(draftId, impact.country(),
                new PolicyImpactView.OrganisationImpact(impact.organisation().stream()
                        .map(change -> new PolicyImpactView.Change(change.from(), change.to(), change.cases())).toList()),
                new PolicyImpactView.AllOrganisationsImpact(impact.k(), impact.allOrganisations().stream()
                        .map(change -> new PolicyImpactView.DisclosedChange(change.from(), change.to(), change.cases(),
                                change.suppressed()))
                        .toList()));
    }

    public static RouteAssessmentView view(RouteRiskAssessor.Assessment assessment, LocalDate at) {
        return new RouteAssessmentView(assessment.overall(), at, assessment.legs().stream()
                .map(leg -> new RouteAssessmentView.LegView(leg.country(), leg.risk(), leg.reasons()))
                .toList());
    }

    private static PolicyFields fields(LocalDate validFrom, LocalDate validTo, PolicyContent c) {
        return new PolicyFields(validFrom, validTo, c.refugeeRecognition, c.repatriation, c.detention, c.embassyHandover,
                c.penaltiesForHelpers, c.unhcrAccess, c.supportAvailable, c.riskLevel, c.summary, List.copyOf(c.sources),
                c.confidence);
    }
}
