package org.corridor.cases.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.corridor.platform.policy.PolicyTerms;
import org.hibernate.Session;

import java.time.LocalDate;
import java.util.Optional;

/** The policy versions case-service has learnt from policy events. */
@ApplicationScoped
public class KnownPolicyRepository {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

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
        return versionInForce(country, day).map(version -> {
            try {
                return objectMapper.readValue(version, PolicyTerms.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Transactional
    public long count() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM known_policy").getSingleResult()).longValue();
    }
}
