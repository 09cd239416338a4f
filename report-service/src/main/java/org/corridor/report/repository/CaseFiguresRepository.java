package org.corridor.report.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.report.domain.CaseFigures;
import org.hibernate.Session;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** What report-service keeps of each case, as JSON: codes, counts and months only. */
@ApplicationScoped
public class CaseFiguresRepository {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    public CaseFiguresRepository(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    /**
     * The figures known of these cases, by case id. Statements go through JDBC: Hibernate's cache of native query
     * plans slows down badly under a statement per event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, CaseFigures> findAll(Collection<UUID> caseIds) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT case_id, CAST(figures AS text) FROM case_figures WHERE case_id = ANY(?::uuid[])")) {
                query.setArray(1, connection.createArrayOf("uuid", caseIds.toArray()));
                Map<UUID, CaseFigures> known = new HashMap<>();
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        known.put(rows.getObject(1, UUID.class), read(rows.getString(2)));
                    }
                }
                return known;
            }
        });
    }

    /** Stores the cases' figures in one statement, in case id order so that two writers cannot deadlock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveAll(Map<UUID, CaseFigures> figuresByCase) {
        if (figuresByCase.isEmpty()) {
            return;
        }
        SortedMap<UUID, CaseFigures> sorted = new TreeMap<>(figuresByCase);
        UUID[] ids = sorted.keySet().toArray(UUID[]::new);
        Long[] revisions = sorted.values().stream().map(CaseFigures::revision).toArray(Long[]::new);
        String[] documents = sorted.values().stream().map(this::write).toArray(String[]::new);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var upsert = connection.prepareStatement("""
                    INSERT INTO case_figures (case_id, revision, figures)
                    SELECT id, revision, CAST(document AS jsonb) FROM unnest(?::uuid[], ?::bigint[], ?::text[])
                        AS stored(id, revision, document)
                    ON CONFLICT (case_id) DO UPDATE SET revision = EXCLUDED.revision, figures = EXCLUDED.figures""")) {
                upsert.setArray(1, connection.createArrayOf("uuid", ids));
                upsert.setArray(2, connection.createArrayOf("bigint", revisions));
                upsert.setArray(3, connection.createArrayOf("text", documents));
                upsert.executeUpdate();
            }
        });
    }

    private CaseFigures read(String json) {
        try {
            return objectMapper.readValue(json, CaseFigures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored case figures do not parse", e);
        }
    }

    private String write(CaseFigures figures) {
        try {
            return objectMapper.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("case figures do not serialise", e);
        }
    }
}
