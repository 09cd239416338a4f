package org.corridor.policy.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.policy.client.CaseServiceClient;
import org.corridor.policy.domain.DraftImpact;
import org.corridor.policy.domain.PolicyDraft;
import org.corridor.policy.domain.ValidityPeriod;

import java.util.UUID;

/** A draft's impact on the active cases, asked of case-service outside any transaction of policy-service's own. */
@ApplicationScoped
public class DraftImpacts {

    private final PolicyService policies;
    private final CaseServiceClient cases;

    public DraftImpacts(PolicyService policies, CaseServiceClient cases) {
        this.policies = policies;
        this.cases = cases;
    }

    public DraftImpact of(String country, UUID draftId) {
        PolicyDraft draft = policies.draft(country, draftId);
        return cases.riskImpact(country, draft.content.terms(), new ValidityPeriod(draft.validFrom, draft.validTo));
    }
}
