package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.corridor.cases.domain.EmergencyAccess;
import org.corridor.platform.http.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EmergencyAccessRepository implements PanacheRepositoryBase<EmergencyAccess, UUID> {

    /** Every emergency access to the case, oldest first. */
    public List<EmergencyAccess> ofCase(UUID caseId) {
        return list("caseId = ?1 order by grantedAt", caseId);
    }

    /** Whether {@code actor} holds an emergency access to the case that is still open at {@code now}. */
    public boolean isOpen(UUID caseId, String actor, Instant now) {
        return count("caseId = ?1 and actor = ?2 and expiresAt > ?3", caseId, actor, now) > 0;
    }

    /** The organisation's accesses, newest first, reviewed or not as asked (both when null), a page at a time. */
    public List<EmergencyAccess> page(String organisation, Boolean reviewed, Page.TimeAndId after, int limit) {
        String query = "organisation = :organisation"
                + (reviewed == null ? "" : reviewed ? " and reviewedAt is not null" : " and reviewedAt is null")
                + (after == null ? "" : " and (grantedAt < :time or (grantedAt = :time and id < :id))")
                + " order by grantedAt desc, id desc";
        var parameters = Parameters.with("organisation", organisation);
        if (after != null) {
            parameters.and("time", after.time()).and("id", after.id());
        }
        return find(query, parameters).page(0, limit).list();
    }

    /** An access of the organisation, locked for the transaction; another organisation's is absent. */
    public Optional<EmergencyAccess> findOwned(UUID id, String organisation) {
        return find("id = ?1 and organisation = ?2", id, organisation).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
