package org.corridor.cases.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.corridor.platform.policy.PolicyTerms;
import org.hibernate.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The policy versions case-service has learnt from policy events. */
@ApplicationScoped
public class KnownPolicyRepository {

    /** Far more than the versions in force at any time (a few per country); past it, the kept terms start again. */
    private static final int MAX_PARSED_VERSIONS = 1024;

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Map<UUID, PolicyTerms> parsedTerms = new ConcurrentHashMap<>();

    public KnownPolicyRepository(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(KnownPolicy policy) {
        entityManager.createNativeQuery("""
                        INSERT INTO known_policy (version_id, country, valid_from, valid_to, recorded_at, risk_level, version)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb)) ON CONFLICT (version_id) DO NOTHING""")
                .setParameter(1, policy.versionId())
                .setParameter(2, policy.country())
                .setParameter(3, policy.validFrom())
                .setParameter(4, policy.validTo())
                .setParameter(5, policy.recordedAt())
                .setParameter(6, policy.riskLevel())
                .setParameter(7, policy.versionJson())
                .executeUpdate();
    }

    /**
     * The version in force on {@code day}: the latest recorded of those whose validity covers it. Read through JDBC:
     * Hibernate's lookup of a native query's cached plan compared result mappings for a fifth of the service's CPU
     * (JFR, 1,500 case creations), as risk is scored once per country of a route.
     */
    @Transactional
    public Optional<String> versionInForce(String country, LocalDate day) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var query = connection.prepareStatement("""
                    SELECT CAST(version AS text) FROM known_policy
                    WHERE country = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
                    ORDER BY recorded_at DESC, version_id DESC LIMIT 1""")) {
                query.setString(1, country);
                query.setObject(2, day);
                query.setObject(3, day);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** The practice of a country's policy in force on a day, for risk scoring. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<PolicyTerms> termsInForce(String country, LocalDate day) {
        return Optional.ofNullable(termsInForce(List.of(country), day).get(country));
    }

    /**
     * The practice of each country's policy in force on a day, for risk scoring, in one query for a whole route; a
     * country with none in force is absent. Only the version ids are read: a version's terms are parsed once and kept,
     * which is safe because a known version is never changed ({@link #remember} inserts or does nothing). Parsing
     * each version on every request was a tenth of case-service's CPU per creation (JFR).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, PolicyTerms> termsInForce(Collection<String> countries, LocalDate day) {
        if (countries.isEmpty()) {
            return Map.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Map<String, UUID> versions = new HashMap<>();
            try (var query = connection.prepareStatement("""
                    SELECT DISTINCT ON (country) country, version_id FROM known_policy
                    WHERE country = ANY (?) AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
                    ORDER BY country, recorded_at DESC, version_id DESC""")) {
                query.setArray(1, connection.createArrayOf("text", countries.toArray()));
                query.setObject(2, day);
                query.setObject(3, day);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        versions.put(rows.getString(1), rows.getObject(2, UUID.class));
                    }
                }
            }
            Map<String, PolicyTerms> terms = new HashMap<>();
            Map<UUID, String> unparsed = new HashMap<>();
            versions.forEach((country, version) -> {
                PolicyTerms kept = parsedTerms.get(version);
                if (kept == null) {
                    unparsed.put(version, country);
                } else {
                    terms.put(country, kept);
                }
            });
            if (!unparsed.isEmpty()) {
                parse(connection, unparsed.keySet()).forEach((version, parsed) -> terms.put(unparsed.get(version), parsed));
            }
            return terms;
        });
    }

    private Map<UUID, PolicyTerms> parse(Connection connection, Collection<UUID> versions) throws SQLException {
        if (parsedTerms.size() + versions.size() > MAX_PARSED_VERSIONS) {
            parsedTerms.clear();
        }
        Map<UUID, PolicyTerms> parsed = new HashMap<>();
        try (var query = connection.prepareStatement("SELECT version_id, CAST(version AS text) FROM known_policy WHERE version_id = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("uuid", versions.toArray()));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    parsed.put(rows.getObject(1, UUID.class), objectMapper.readValue(rows.getString(2), PolicyTerms.class));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        parsedTerms.putAll(parsed);
        return parsed;
    }

    @Transactional
    public long count() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM known_policy").getSingleResult()).longValue();
    }
}
