package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.CaseAlert;
import org.corridor.platform.http.Page;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<CaseAlert, UUID> {

    /** An organisation's alerts, newest first, after a position of that order. */
    public List<CaseAlert> page(String organisation, Page.TimeAndId after, int limit) {
        if (after == null) {
            return find("organisation = ?1 order by createdAt desc, id desc", organisation).page(0, limit).list();
        }
        return find("organisation = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                organisation, after.time(), after.id()).page(0, limit).list();
    }
}
