package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.platform.http.Page;
import org.corridor.platform.policy.RiskLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<CaseFile, UUID> {

    /** A case of this organisation, locked for the transaction; another organisation's case is simply absent. */
    public Optional<CaseFile> findOwned(UUID id, String organisation) {
        return find("id = ?1 and organisation = ?2", id, organisation)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<CaseFile> page(String organisation, CaseFilter filter, Page.TimeAndId after, int limit) {
        StringBuilder query = new StringBuilder("organisation = :organisation");
        Parameters parameters = Parameters.with("organisation", organisation);
        filter.status().ifPresent(status -> {
            query.append(" and status = :status");
            parameters.and("status", status);
        });
        filter.currentCountry().ifPresent(country -> {
            query.append(" and currentCountry = :country");
            parameters.and("country", country);
        });
        filter.risk().ifPresent(risk -> {
            query.append(" and riskLevel = :risk");
            parameters.and("risk", risk);
        });
        if (after != null) {
            query.append(" and (createdAt > :afterCreatedAt or (createdAt = :afterCreatedAt and id > :afterId))");
            parameters.and("afterCreatedAt", after.time()).and("afterId", after.id());
        }
        query.append(" order by createdAt, id");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    /** The next active cases, by id, of any organisation that are in or still heading to a country. */
    public List<CaseFile> activeConcerning(String country, UUID after, int limit) {
        List<UUID> ids = getEntityManager().createNativeQuery("""
                        SELECT id FROM case_file
                        WHERE status NOT IN ('RESETTLED', 'REPATRIATED', 'CLOSED')
                          AND (current_country = ?1 OR ?1 = ANY (planned_route))
                          AND (CAST(?2 AS uuid) IS NULL OR id > CAST(?2 AS uuid))
                        ORDER BY id LIMIT ?3""", UUID.class)
                .setParameter(1, country)
                .setParameter(2, after == null ? null : after.toString())
                .setParameter(3, limit)
                .getResultList();
        return ids.isEmpty() ? new ArrayList<>() : list("id in ?1 order by id", ids);
    }

    /** Lets go of every case read so far in this transaction (none may be changed): for reads over many cases. */
    public void forgetRead() {
        getEntityManager().clear();
    }

    public record CaseFilter(Optional<CaseStatus> status, Optional<String> currentCountry, Optional<RiskLevel> risk) {
    }
}
