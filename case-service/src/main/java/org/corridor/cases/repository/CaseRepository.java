package org.corridor.cases.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.corridor.cases.domain.CaseFile;
import org.corridor.cases.domain.CaseMember;
import org.corridor.cases.domain.CaseStatus;
import org.corridor.platform.cases.AgeBand;
import org.corridor.platform.cases.Sex;
import org.corridor.platform.http.Page;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.platform.policy.Vulnerability;
import org.hibernate.Session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<CaseFile, UUID> {

    private static final ObjectMapper RISK_REASONS = new ObjectMapper();

    /** A case of this organisation, locked for the transaction; another organisation's case is simply absent. */
    public Optional<CaseFile> findOwned(UUID id, String organisation) {
        return find("id = ?1 and organisation = ?2", id, organisation)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The next cases still sealed under their organisation's derived key, locked (skipping those another holds). */
    public List<CaseFile> lockWithoutOwnKey(int limit) {
        return find("keyId is not null").withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2).page(0, limit).list();
    }

    public List<CaseFile> page(String organisation, CaseFilter filter, Page.TimeAndId after, int limit) {
        StringBuilder query = new StringBuilder("organisation = :organisation and erasedAt is null");
        Parameters parameters = Parameters.with("organisation", organisation);
        if (!filter.statuses().isEmpty()) {
            query.append(" and status in :statuses");
            parameters.and("statuses", filter.statuses());
        }
        if (!filter.currentCountries().isEmpty()) {
            query.append(" and currentCountry in :countries");
            parameters.and("countries", filter.currentCountries());
        }
        if (!filter.risks().isEmpty()) {
            query.append(" and riskLevel in :risks");
            parameters.and("risks", filter.risks());
        }
        filter.updatedAfter().ifPresent(instant -> {
            query.append(" and updatedAt > :updatedAfter");
            parameters.and("updatedAfter", instant);
        });
        filter.updatedBefore().ifPresent(instant -> {
            query.append(" and updatedAt < :updatedBefore");
            parameters.and("updatedBefore", instant);
        });
        filter.openedFrom().ifPresent(date -> {
            query.append(" and openedOn >= :openedFrom");
            parameters.and("openedFrom", date);
        });
        filter.openedTo().ifPresent(date -> {
            query.append(" and openedOn <= :openedTo");
            parameters.and("openedTo", date);
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
                        WHERE status NOT IN ('RESETTLED', 'REPATRIATED', 'CLOSED') AND erased_at IS NULL
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

    /**
     * Locks cases for the transaction, in id order so that two such transactions never wait on each other crosswise,
     * and reads them {@link CaseFile#forRescoring for re-scoring} with their members, in one statement.
     */
    public List<CaseFile> lockForRescoring(List<UUID> ids) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (var read = connection.prepareStatement("""
                    SELECT c.id, c.organisation, c.status, c.current_country, c.planned_route, c.risk_level, c.revision,
                           c.opened_on, m.sex, m.age_band, m.vulnerabilities
                    FROM case_file c LEFT JOIN case_member m ON m.case_id = c.id
                    WHERE c.id = ANY (?) ORDER BY c.id, m.position FOR UPDATE OF c""")) {
                read.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                List<CaseFile> files = new ArrayList<>(ids.size());
                try (var rows = read.executeQuery()) {
                    CaseRow current = null;
                    List<CaseMember> members = new ArrayList<>();
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        if (current == null || !id.equals(current.id())) {
                            if (current != null) {
                                files.add(current.with(members));
                            }
                            current = new CaseRow(id, rows.getString(2), rows.getString(3), rows.getString(4),
                                    (String[]) rows.getArray(5).getArray(), rows.getString(6), rows.getInt(7),
                                    rows.getObject(8, LocalDate.class));
                            members = new ArrayList<>();
                        }
                        if (rows.getString(9) != null) {
                            CaseMember member = CaseMember.joining();
                            member.describe(Sex.valueOf(rows.getString(9)), AgeBand.valueOf(rows.getString(10)),
                                    Arrays.stream((String[]) rows.getArray(11).getArray()).map(Vulnerability::valueOf).toList());
                            members.add(member);
                        }
                    }
                    if (current != null) {
                        files.add(current.with(members));
                    }
                }
                return files;
            }
        });
    }

    private record CaseRow(UUID id, String organisation, String status, String currentCountry, String[] plannedRoute,
                           String riskLevel, int revision, LocalDate openedOn) {

        CaseFile with(List<CaseMember> members) {
            return CaseFile.forRescoring(id, organisation, CaseStatus.valueOf(status), currentCountry, List.of(plannedRoute),
                    riskLevel == null ? null : RiskLevel.valueOf(riskLevel), revision, openedOn, members);
        }
    }

    /**
     * Writes the risk of cases read {@link #lockForRescoring for re-scoring} in one statement, a revision counted each,
     * and the change time of those touched.
     */
    public void writeRisks(List<CaseFile> files) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (var update = connection.prepareStatement("""
                    UPDATE case_file c SET risk_level = v.risk_level, risk_reasons = CAST(v.risk_reasons AS jsonb),
                                           risk_assessed_at = CAST(v.assessed_at AS timestamptz),
                                           updated_at = coalesce(CAST(v.updated_at AS timestamptz), c.updated_at),
                                           revision = c.revision + 1
                    FROM unnest(?, ?, ?, ?, ?) AS v (id, risk_level, risk_reasons, assessed_at, updated_at)
                    WHERE c.id = v.id""")) {
                update.setArray(1, connection.createArrayOf("uuid", files.stream().map(CaseFile::id).toArray()));
                update.setArray(2, connection.createArrayOf("text", files.stream()
                        .map(file -> file.riskLevel() == null ? null : file.riskLevel().name()).toArray()));
                update.setArray(3, connection.createArrayOf("text", files.stream()
                        .map(file -> riskReasons(file.riskReasons())).toArray()));
                update.setArray(4, connection.createArrayOf("text", files.stream()
                        .map(file -> String.valueOf(file.riskAssessedAt())).toArray()));
                update.setArray(5, connection.createArrayOf("text", files.stream()
                        .map(file -> file.updatedAt() == null ? null : file.updatedAt().toString()).toArray()));
                update.executeUpdate();
            }
        });
        files.forEach(CaseFile::countWrite);
    }

    // as Hibernate writes the column (its own Jackson mapper, not the application's), so that it reads it back
    private static String riskReasons(List<CaseFile.RiskReason> reasons) {
        try {
            return RISK_REASONS.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("risk reasons do not serialise", e);
        }
    }

    /** Lets go of every case read so far in this transaction (none may be changed): for reads over many cases. */
    public void forgetRead() {
        getEntityManager().clear();
    }

    /**
     * Which cases a list shows: each set empty for any value, else one of its values; every bound exclusive for the
     * update time (a partner's {@code updatedAfter} is the last time it saw) and inclusive for the opening day.
     */
    public record CaseFilter(Set<CaseStatus> statuses, Set<String> currentCountries, Set<RiskLevel> risks,
                             Optional<Instant> updatedAfter, Optional<Instant> updatedBefore,
                             Optional<LocalDate> openedFrom, Optional<LocalDate> openedTo) {
    }
}
