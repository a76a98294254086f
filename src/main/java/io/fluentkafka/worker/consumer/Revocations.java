package io.fluentkafka.worker.consumer;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * Partitions being taken away in a rebalance, from the revocation until they are abandoned: their started jobs may
 * finish, and each partition's future completes when the last of them has. Not thread-safe: guarded by
 * {@link KeyOrderedDispatcher}; the futures are to be completed outside its lock.
 */
final class Revocations {

    private final Map<TopicPartition, Revocation> byPartition = new HashMap<>();

    /**
     * Revokes partitions (again, if they were already being revoked); {@code started} tells how many of a partition's
     * jobs have started and not finished. Returns a future that completes when the last of them has finished, at once
     * if none runs.
     */
    CompletableFuture<Void> revoke(Collection<TopicPartition> partitions, ToLongFunction<TopicPartition> started) {
        List<CompletableFuture<Void>> partitionsDone = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            Revocation revocation = byPartition.computeIfAbsent(partition, ignored -> new Revocation());
            revocation.started = (int) started.applyAsLong(partition);
            if (revocation.started == 0) {
                revocation.done.complete(null);
            }
            partitionsDone.add(revocation.done);
        }
        return CompletableFuture.allOf(partitionsDone.toArray(CompletableFuture[]::new));
    }

    boolean revoking(TopicPartition partition) {
        return byPartition.containsKey(partition);
    }

    /** A started job of {@code partition} finished; returns the future to complete if it was the last, else null. */
    CompletableFuture<Void> finished(TopicPartition partition) {
        Revocation revocation = byPartition.get(partition);
        return revocation != null && --revocation.started == 0 ? revocation.done : null;
    }

    /** The partitions are given up: the revocations end. */
    void end(Collection<TopicPartition> partitions) {
        partitions.forEach(byPartition::remove);
    }

    /** How many of a partition's started jobs have not finished. */
    private static final class Revocation {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private int started;
    }
}
