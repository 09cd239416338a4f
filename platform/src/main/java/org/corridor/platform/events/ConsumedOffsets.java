package org.corridor.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The next offset to read in each partition, kept with the effects of the events before it. */
@ApplicationScoped
public class ConsumedOffsets {

    private final EntityManager entityManager;

    public ConsumedOffsets(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(TopicPartition partition, long nextOffset) {
        entityManager.createNativeQuery("""
                        INSERT INTO consumed_offset (topic, partition, next_offset) VALUES (?1, ?2, ?3)
                        ON CONFLICT (topic, partition) DO UPDATE SET next_offset = GREATEST(consumed_offset.next_offset, EXCLUDED.next_offset)""")
                .setParameter(1, partition.topic())
                .setParameter(2, partition.partition())
                .setParameter(3, nextOffset)
                .executeUpdate();
    }

    /** The recorded positions of these partitions; a partition never consumed is absent. */
    @Transactional
    public Map<TopicPartition, Long> of(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT topic, partition, next_offset FROM consumed_offset")
                .getResultList();
        for (Object[] row : rows) {
            var partition = new TopicPartition((String) row[0], ((Number) row[1]).intValue());
            if (partitions.contains(partition)) {
                positions.put(partition, ((Number) row[2]).longValue());
            }
        }
        return positions;
    }
}
