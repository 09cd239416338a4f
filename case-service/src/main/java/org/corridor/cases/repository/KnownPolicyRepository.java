package org.corridor.cases.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.corridor.platform.policy.PolicyTerms;

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

    /** The version in force on {@code day}: the latest recorded of those whose validity covers it. */
    @Transactional
    public Optional<String> versionInForce(String country, LocalDate day) {
        return entityManager.createNativeQuery("""
                        SELECT CAST(version AS text) FROM known_policy
                        WHERE country = ?1 AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2)
                        ORDER BY recorded_at DESC, version_id DESC LIMIT 1""", String.class)
                .setParameter(1, country)
                .setParameter(2, day)
                .getResultStream().findFirst();
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
