package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What was taken and what finished in each partition this worker holds ({@link PartitionOffsets}), from assignment
 * until the partition is taken away. Only a command that ended with an acknowledged reply counts as finished; one
 * that failed is logged and keeps its partition's committed offset below it. Thread-safe: commands finish on any
 * thread while the poll thread takes records, commits and rebalances.
 */
final class AssignedOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(AssignedOffsets.class);

    private final Map<TopicPartition, PartitionOffsets> byPartition = new ConcurrentHashMap<>();

    /**
     * Starts tracking partitions just assigned, each from its last commit ({@code lastCommits} may lack some or
     * hold nulls); returns how many records above those commits they name as finished, to be skipped.
     */
    int assign(Collection<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> lastCommits) {
        int toSkip = 0;
        for (TopicPartition partition : partitions) {
            PartitionOffsets tracked = new PartitionOffsets(lastCommits.get(partition));
            byPartition.put(partition, tracked);
            toSkip += tracked.finishedBeforeCount();
        }
        return toSkip;
    }

    /**
     * Counts a record taken from Kafka. Returns false if the last commit names it as finished (it was replied to
     * before): it then counts as finished at once and must not run again.
     */
    boolean take(Job job) {
        long offset = job.record().offset();
        PartitionOffsets tracked = byPartition.computeIfAbsent(job.partition(), partition -> new PartitionOffsets());
        tracked.taken(offset, job.size());
        if (tracked.finishedBefore(offset)) {
            tracked.finished(offset);
            return false;
        }
        return true;
    }

    /**
     * A started job ended. An abandoned job's result is not counted: its partition was taken away (it may be back by
     * now, tracked afresh) or its drain ended, and the record is left to be processed again.
     */
    void finished(Job job, Throwable failure) {
        if (job.abandoned()) {
            return;
        }
        if (failure == null) {
            PartitionOffsets partition = byPartition.get(job.partition());
            if (partition != null) {
                partition.finished(job.record().offset());
            }
        } else {
            LOG.error("{}-{}@{} ended without an acknowledged reply; its offset will not be committed",
                    job.partition().topic(), job.partition().partition(), job.record().offset(), failure);
        }
    }

    /** Stops tracking partitions taken away. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(byPartition::remove);
    }

    /** How many partitions are tracked. */
    int partitions() {
        return byPartition.size();
    }

    /** What each tracked partition holds, for {@link BackPressure}. */
    Map<TopicPartition, BackPressure.Held> held() {
        Map<TopicPartition, BackPressure.Held> held = new HashMap<>();
        byPartition.forEach((partition, tracked) -> held.put(partition, new BackPressure.Held(tracked.unfinished(), tracked.unfinishedBytes())));
        return held;
    }

    /** What to commit for those of {@code partitions} that are tracked and changed since their last commit. */
    Map<TopicPartition, PartitionOffsets.Commit> toCommit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, PartitionOffsets.Commit> commits = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionOffsets tracked = byPartition.get(partition);
            if (tracked != null) {
                tracked.toCommit().ifPresent(commit -> commits.put(partition, commit));
            }
        }
        return commits;
    }

    /** Kafka acknowledged these commits: they need not be made again until something changes. */
    void committed(Map<TopicPartition, PartitionOffsets.Commit> commits) {
        commits.forEach((partition, commit) -> {
            PartitionOffsets tracked = byPartition.get(partition);
            if (tracked != null) {
                tracked.committed(commit);
            }
        });
    }
}
