package org.corridor.cases.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.corridor.cases.domain.JourneyEntry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class JourneyRepository implements PanacheRepositoryBase<JourneyEntry, UUID> {

    /** Where a case's journey ends so far: the sequence number its next event takes and the date of its latest. */
    public record End(int nextSequence, LocalDate latestDate) {

        /** Whether the journey's latest event happened after this date, so an event of this date is reported late. */
        public boolean endsAfter(LocalDate date) {
            return latestDate != null && date.isBefore(latestDate);
        }
    }

    public End end(UUID caseId) {
        Object[] end = getEntityManager()
                .createQuery("SELECT max(j.sequence), max(j.date) FROM JourneyEntry j WHERE j.caseId = ?1", Object[].class)
                .setParameter(1, caseId).getSingleResult();
        return new End(end[0] == null ? 1 : (Integer) end[0] + 1, (LocalDate) end[1]);
    }

    /** The case's events after a position (null: from the start), in the order they happened, at most {@code limit}. */
    public List<JourneyEntry> page(UUID caseId, JourneyEntry.Position after, int limit) {
        if (after == null) {
            return find("caseId = ?1 order by date, sequence", caseId).page(0, limit).list();
        }
        return find("caseId = ?1 and (date > ?2 or (date = ?2 and sequence > ?3)) order by date, sequence",
                caseId, after.date(), after.sequence()).page(0, limit).list();
    }

    /** The case's events in the order they happened; those of one day in the order they were recorded. */
    public List<JourneyEntry> of(UUID caseId) {
        return list("caseId = ?1 order by date, sequence", caseId);
    }

    /** The events of each of the cases, in one query; a case without any has none in the map. */
    public Map<UUID, List<JourneyEntry>> ofEach(Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        return list("caseId in ?1 order by date, sequence", caseIds).stream()
                .collect(Collectors.groupingBy(JourneyEntry::caseId));
    }
}
