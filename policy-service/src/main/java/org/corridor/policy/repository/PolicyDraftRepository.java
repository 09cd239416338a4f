package org.corridor.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.policy.domain.PolicyDraft;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PolicyDraftRepository implements PanacheRepositoryBase<PolicyDraft, UUID> {

    public List<PolicyDraft> openDrafts(String country) {
        return list("country = ?1 and status = ?2 order by createdAt desc", country, PolicyDraft.Status.OPEN);
    }
}
