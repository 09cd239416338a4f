package org.corridor.cases.imports.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Each organisation's own ids of the cases it imported ({@code externalId}), one case per id. */
@ApplicationScoped
public class ExternalIdRepository {

    private final EntityManager entityManager;

    public ExternalIdRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Takes the external ids not taken before for the cases given, in one statement, and answers those it took: the
     * others were imported before (or by an import running beside this one, whose transaction this one waits for).
     */
    public Set<String> claim(String organisation, Map<String, UUID> casesByExternalId) {
        if (casesByExternalId.isEmpty()) {
            return Set.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var insert = connection.prepareStatement("""
                    INSERT INTO case_external_id (organisation, external_id, case_id)
                    SELECT ?, external_id, case_id FROM unnest(?, ?) AS claimed (external_id, case_id)
                    ON CONFLICT DO NOTHING RETURNING external_id""")) {
                insert.setString(1, organisation);
                insert.setArray(2, connection.createArrayOf("text", casesByExternalId.keySet().toArray()));
                insert.setArray(3, connection.createArrayOf("uuid", casesByExternalId.values().toArray()));
                Set<String> claimed = new HashSet<>();
                try (var rows = insert.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(rows.getString(1));
                    }
                }
                return claimed;
            }
        });
    }

    /** The organisation's external ids of those of these cases it imported. */
    public Map<UUID, String> of(String organisation, Collection<UUID> caseIds) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var select = connection.prepareStatement(
                    "SELECT case_id, external_id FROM case_external_id WHERE organisation = ? AND case_id = ANY (?)")) {
                select.setString(1, organisation);
                select.setArray(2, connection.createArrayOf("uuid", caseIds.toArray()));
                Map<UUID, String> ids = new HashMap<>();
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                }
                return ids;
            }
        });
    }
}
