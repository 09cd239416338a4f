package org.corridor.report.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.report.domain.CaseFigures;
import org.hibernate.Session;

import java.util.Optional;
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

    /** Read through JDBC: Hibernate's cache of native query plans slows down badly under a lookup per event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<CaseFigures> find(UUID caseId) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (var query = connection.prepareStatement("SELECT CAST(figures AS text) FROM case_figures WHERE case_id = ?")) {
                query.setObject(1, caseId);
                try (var rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows.getString(1))) : Optional.<CaseFigures>empty();
                }
            }
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void save(UUID caseId, CaseFigures figures) {
        entityManager.createNativeQuery("""
                        INSERT INTO case_figures (case_id, revision, figures) VALUES (?1, ?2, CAST(?3 AS jsonb))
                        ON CONFLICT (case_id) DO UPDATE SET revision = EXCLUDED.revision, figures = EXCLUDED.figures""")
                .setParameter(1, caseId)
                .setParameter(2, figures.revision())
                .setParameter(3, write(figures))
                .executeUpdate();
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
