package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.corridor.cases.domain.CaseTransfer;
import org.corridor.platform.http.Page;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TransferRepository implements PanacheRepositoryBase<CaseTransfer, UUID> {

    /** Every offer of the case, oldest first. */
    public List<CaseTransfer> ofCase(UUID caseId) {
        return list("caseId = ?1 order by offeredAt", caseId);
    }

    public boolean hasOpenOffer(UUID caseId, Instant now) {
        return count("caseId = ?1 and status = ?2 and expiresAt > ?3", caseId, CaseTransfer.Status.OFFERED, now) > 0;
    }

    /** Stores as expired the case's offer that lapsed unanswered, so that the case can be offered again. */
    public void expireLapsed(UUID caseId, Instant now) {
        update("status = ?1, decidedAt = expiresAt where caseId = ?2 and status = ?3 and expiresAt <= ?4",
                CaseTransfer.Status.EXPIRED, caseId, CaseTransfer.Status.OFFERED, now);
    }

    /** An offer made to this organisation, locked for the transaction; any other is absent. */
    public Optional<CaseTransfer> findOfferedTo(UUID transferId, String organisation) {
        return find("id = ?1 and toOrganisation = ?2", transferId, organisation)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** An offer made by this organisation, locked for the transaction; any other is absent. */
    public Optional<CaseTransfer> findOfferedBy(UUID transferId, String organisation) {
        return find("id = ?1 and fromOrganisation = ?2", transferId, organisation)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** An offer made to or by this organisation; any other is absent. */
    public Optional<CaseTransfer> findInvolving(UUID transferId, String organisation) {
        return find("id = ?1 and (toOrganisation = ?2 or fromOrganisation = ?2)", transferId, organisation)
                .firstResultOptional();
    }

    /** Offers to or from an organisation, newest first, after a position of that order. */
    public List<CaseTransfer> page(String organisation, Page.TimeAndId after, int limit) {
        if (after == null) {
            return find("(toOrganisation = ?1 or fromOrganisation = ?1) order by offeredAt desc, id desc", organisation)
                    .page(0, limit).list();
        }
        return find("""
                        (toOrganisation = ?1 or fromOrganisation = ?1)
                        and (offeredAt < ?2 or (offeredAt = ?2 and id < ?3)) order by offeredAt desc, id desc""",
                organisation, after.time(), after.id()).page(0, limit).list();
    }
}
