package org.corridor.policy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.policy.domain.PolicyTimeline;
import org.corridor.policy.domain.PolicyVersion;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PolicyVersionRepository implements PanacheRepositoryBase<PolicyVersion, UUID> {

    public PolicyTimeline timelineOf(String country) {
        return new PolicyTimeline(list("country", country));
    }

    public List<String> countries() {
        return getEntityManager()
                .createQuery("SELECT DISTINCT v.country FROM PolicyVersion v ORDER BY v.country", String.class)
                .getResultList();
    }

    public boolean hasCountry(String country) {
        return count("country", country) > 0;
    }

    public boolean hasReference(String referenceKey) {
        return count("referenceKey", referenceKey) > 0;
    }
}
