package org.corridor.cases.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.corridor.cases.domain.RescoreJob;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Policy changes waiting to be applied to the cases they concern, oldest first. */
@ApplicationScoped
public class RescoreJobRepository {

    private final EntityManager entityManager;

    public RescoreJobRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String country, String policySummary, String traceparent, String tracestate) {
        entityManager.createNativeQuery(
                        "INSERT INTO risk_rescore_job (country, summary, traceparent, tracestate) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, country).setParameter(2, policySummary)
                .setParameter(3, traceparent).setParameter(4, tracestate)
                .executeUpdate();
    }

    /** The oldest job no other transaction holds, locked for this one; concurrent workers take different jobs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RescoreJob> takeOldest() {
        List<?> jobs = entityManager.createNativeQuery("""
                SELECT id, country, summary, CAST(after_case AS text), traceparent, tracestate FROM risk_rescore_job
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""").getResultList();
        return jobs.stream().findFirst().map(row -> (Object[]) row).map(job -> new RescoreJob(((Number) job[0]).longValue(),
                (String) job[1], (String) job[2], job[3] == null ? null : UUID.fromString((String) job[3]),
                (String) job[4], (String) job[5]));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(RescoreJob job, UUID lastCaseDone) {
        entityManager.createNativeQuery("UPDATE risk_rescore_job SET after_case = ?2 WHERE id = ?1")
                .setParameter(1, job.id()).setParameter(2, lastCaseDone).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void finish(RescoreJob job) {
        entityManager.createNativeQuery("DELETE FROM risk_rescore_job WHERE id = ?1").setParameter(1, job.id()).executeUpdate();
    }
}
