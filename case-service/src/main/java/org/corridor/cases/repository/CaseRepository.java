package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.platform.http.Page;
import org.corridor.platform.policy.RiskLevel;
import org.hibernate.Session;

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

    /** The next active cases, by id, of any organisation that are in or still heading to a country, with their members. */
    public List<CaseFile> activeConcerning(String country, UUID after, int limit) {
        return withMembers(idsActiveConcerning(country, after, limit));
    }

    /** The ids of {@link #activeConcerning}. */
    public List<UUID> idsActiveConcerning(String country, UUID after, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT id FROM case_file
                        WHERE status NOT IN ('RESETTLED', 'REPATRIATED', 'CLOSED')
                          AND (current_country = ?1 OR ?1 = ANY (planned_route))
                          AND (CAST(?2 AS uuid) IS NULL OR id > CAST(?2 AS uuid))
                        ORDER BY id LIMIT ?3""", UUID.class)
                .setParameter(1, country)
                .setParameter(2, after == null ? null : after.toString())
                .setParameter(3, limit)
                .getResultList();
    }

    /** Cases by id, in id order, each read with its members in the same statement rather than a statement each. */
    public List<CaseFile> withMembers(List<UUID> ids) {
        return ids.isEmpty() ? new ArrayList<>()
                : list("select c from CaseFile c left join fetch c.members where c.id in ?1 order by c.id", ids);
    }

    /** Locks cases for the transaction, in id order so that two such transactions never wait on each other crosswise. */
    public void lock(List<UUID> ids) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (var lock = connection.prepareStatement("SELECT id FROM case_file WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
                lock.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                lock.executeQuery().close();
            }
        });
    }

    /** Writes every pending change of the transaction now, up to {@code statementsPerRoundTrip} statements at a time. */
    public void flushBatched(int statementsPerRoundTrip) {
        Session session = getEntityManager().unwrap(Session.class);
        session.setJdbcBatchSize(statementsPerRoundTrip);
        session.flush();
    }

    /** Lets go of every case read so far in this transaction (none may be changed): for reads over many cases. */
    public void forgetRead() {
        getEntityManager().clear();
    }

    public record CaseFilter(Optional<CaseStatus> status, Optional<String> currentCountry, Optional<RiskLevel> risk) {
    }
}
