package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.JourneyEntry;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JourneyRepository implements PanacheRepositoryBase<JourneyEntry, UUID> {

    /** The sequence number the case's next event takes. */
    public int nextSequence(UUID caseId) {
        Integer last = getEntityManager()
                .createQuery("SELECT max(j.sequence) FROM JourneyEntry j WHERE j.caseId = ?1", Integer.class)
                .setParameter(1, caseId).getSingleResult();
        return last == null ? 1 : last + 1;
    }

    /** The case's events after a sequence number, in order, at most {@code limit}. */
    public List<JourneyEntry> page(UUID caseId, int afterSequence, int limit) {
        return find("caseId = ?1 and sequence > ?2 order by sequence", caseId, afterSequence).page(0, limit).list();
    }

    public List<JourneyEntry> of(UUID caseId) {
        return list("caseId = ?1 order by sequence", caseId);
    }
}
