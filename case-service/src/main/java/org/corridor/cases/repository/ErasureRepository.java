package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.CaseErasure;

import java.util.UUID;

@ApplicationScoped
public class ErasureRepository implements PanacheRepositoryBase<CaseErasure, UUID> {
}
