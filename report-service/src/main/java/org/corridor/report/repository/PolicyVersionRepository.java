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
import org.hibernate.Session;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
        List<PolicyVersion> versions = new ArrayList<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var query = connection.prepareStatement("""
                    SELECT id, country, valid_from, valid_to, recorded_at, risk_level, refugee_recognition,
                           repatriation, detention, embassy_handover
                    FROM policy_version WHERE country = ? OR ? ORDER BY country, valid_from""")) {
                query.setString(1, country == null ? "" : country);
                query.setBoolean(2, country == null);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        versions.add(new PolicyVersion(rows.getObject(1, UUID.class), rows.getString(2),
                                rows.getObject(3, LocalDate.class), rows.getObject(4, LocalDate.class),
                                rows.getObject(5, OffsetDateTime.class).toInstant(), RiskLevel.valueOf(rows.getString(6)),
                                RefugeeRecognition.valueOf(rows.getString(7)), Repatriation.valueOf(rows.getString(8)),
                                Detention.valueOf(rows.getString(9)), EmbassyHandover.valueOf(rows.getString(10))));
                    }
                }
            }
        });
        return versions;
    }
}
