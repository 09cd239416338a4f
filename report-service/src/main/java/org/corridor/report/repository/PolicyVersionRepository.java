package org.corridor.report.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.platform.policy.Detention;
import org.corridor.platform.policy.EmbassyHandover;
import org.corridor.platform.policy.RefugeeRecognition;
import org.corridor.platform.policy.Repatriation;
import org.corridor.platform.policy.RiskLevel;
import org.corridor.report.domain.PolicyVersion;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The country policy versions report-service has learnt from policy events. Enum columns hold the constant names. */
@ApplicationScoped
public class PolicyVersionRepository {

    private final EntityManager entityManager;

    public PolicyVersionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(PolicyVersion version) {
        entityManager.createNativeQuery("""
                        INSERT INTO policy_version (id, country, valid_from, valid_to, recorded_at, risk_level,
                                                    refugee_recognition, repatriation, detention, embassy_handover)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, version.id())
                .setParameter(2, version.country())
                .setParameter(3, version.validFrom())
                .setParameter(4, version.validTo())
                .setParameter(5, version.recordedAt().atOffset(ZoneOffset.UTC))
                .setParameter(6, version.riskLevel().name())
                .setParameter(7, version.refugeeRecognition().name())
                .setParameter(8, version.repatriation().name())
                .setParameter(9, version.detention().name())
                .setParameter(10, version.embassyHandover().name())
                .executeUpdate();
    }

    /** Every version of one country, or of all when {@code country} is null. */
    @Transactional
    public List<PolicyVersion> versions(String country) {
        var query = entityManager.createNativeQuery("""
                SELECT id, country, valid_from, valid_to, recorded_at, risk_level, refugee_recognition,
                       repatriation, detention, embassy_handover
                FROM policy_version WHERE country = ?1 OR ?2 ORDER BY country, valid_from""", Object[].class)
                .setParameter(1, country == null ? "" : country)
                .setParameter(2, country == null);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new PolicyVersion(
                (UUID) row[0], (String) row[1], SqlValues.date(row[2]), SqlValues.date(row[3]), SqlValues.instant(row[4]),
                RiskLevel.valueOf((String) row[5]), RefugeeRecognition.valueOf((String) row[6]),
                Repatriation.valueOf((String) row[7]), Detention.valueOf((String) row[8]),
                EmbassyHandover.valueOf((String) row[9]))).toList();
    }
}
