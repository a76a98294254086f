package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * Reads and writes the group's commits for the partitions this worker holds. A commit carries the offset safe to
 * commit and names the records above it that finished ({@link PartitionOffsets}, {@link CommitMetadata}). While
 * consuming, commits are asynchronous, every {@code worker.commit-interval}, and one that fails is simply made again
 * at the next; before partitions are given up the commit is synchronous, and if it fails their finished records are
 * processed again by the next owner. Poll thread only.
 */
final class OffsetCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

    private final Consumer<?, ?> consumer;
    private final AssignedOffsets offsets;
    private final StopSignal stop;
    private final Duration interval;
    private long lastCommitNanos;

    OffsetCommitter(Consumer<?, ?> consumer, AssignedOffsets offsets, StopSignal stop, Duration interval) {
        this.consumer = consumer;
        this.offsets = offsets;
        this.stop = stop;
        this.interval = interval;
    }

    /** Commits the assigned partitions asynchronously if the interval passed since the last commit. */
    void commitIfDue() {
        if (System.nanoTime() - lastCommitNanos >= interval.toNanos()) {
            commitAssigned(false);
        }
    }

    void commitAssigned(boolean synchronous) {
        lastCommitNanos = System.nanoTime();
        commit(consumer.assignment(), synchronous);
    }

    /** Commits what changed in {@code partitions}; synchronously with the Kafka timeout of {@link StopSignal}. */
    void commit(Collection<TopicPartition> partitions, boolean synchronous) {
        Map<TopicPartition, PartitionOffsets.Commit> commits = offsets.toCommit(partitions);
        if (commits.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsetsToCommit = new HashMap<>();
        commits.forEach((partition, commit) -> offsetsToCommit.put(partition, commit.offset()));
        if (synchronous) {
            try {
                consumer.commitSync(offsetsToCommit, stop.kafkaTimeout());
                offsets.committed(commits);
            } catch (RuntimeException e) {
                LOG.warn("committing {} failed: {}; those commands will be processed again", commits.keySet(), e.toString());
            }
        } else {
            consumer.commitAsync(offsetsToCommit, (done, failure) -> {
                if (failure == null) {
                    offsets.committed(commits);
                } else {
                    LOG.warn("committing offsets failed: {}; retrying at the next commit", failure.toString());
                }
            });
        }
    }

    /** The partitions' last commits, which say what already finished above them; none if Kafka cannot tell now. */
    Map<TopicPartition, OffsetAndMetadata> lastCommits(Collection<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), stop.kafkaTimeout());
            return committed == null ? Map.of() : new HashMap<>(committed); // values may be null
        } catch (RuntimeException e) {
            LOG.warn("cannot read the last commits of {} ({}); records that finished after them will be processed again",
                    partitions, e.toString());
            return Map.of();
        }
    }
}
