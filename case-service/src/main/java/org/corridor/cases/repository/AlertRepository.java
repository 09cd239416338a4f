package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.platform.http.Page;
import org.hibernate.Session;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<CaseAlert, UUID> {

    /** Every alert on the case, oldest first. */
    public List<CaseAlert> ofCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt", caseId);
    }

    /** Stores alerts in their order, in one batch on the transaction's connection. */
    public void insert(List<CaseAlert> alerts) {
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO case_alert (id, organisation, case_id, country, previous_risk, new_risk, reason, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (CaseAlert alert : alerts) {
                    insert.setObject(1, alert.id());
                    insert.setString(2, alert.organisation());
                    insert.setObject(3, alert.caseId());
                    insert.setString(4, alert.country());
                    insert.setString(5, alert.previousRisk() == null ? null : alert.previousRisk().name());
                    insert.setString(6, alert.newRisk().name());
                    insert.setString(7, alert.reason());
                    insert.setObject(8, alert.createdAt().atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** An organisation's alerts, newest first, after a position of that order. */
    public List<CaseAlert> page(String organisation, Page.TimeAndId after, int limit) {
        if (after == null) {
            return find("organisation = ?1 order by createdAt desc, id desc", organisation).page(0, limit).list();
        }
        return find("organisation = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                organisation, after.time(), after.id()).page(0, limit).list();
    }
}
