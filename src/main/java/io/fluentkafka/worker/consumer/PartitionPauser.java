package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Pauses and resumes the consumer's partitions as {@link BackPressure} decides, to bound what is buffered in records
 * and bytes. A partition assigned while everything is paused (the buffer is full, or the worker is stopping) starts
 * paused; once stopping, every partition stays paused. Poll thread only, except {@link #pausedPartitions()}.
 */
final class PartitionPauser {

    private final BackPressure backPressure;
    private volatile int pausedPartitions;
    private volatile boolean stoppedFetching;

    PartitionPauser(BackPressure backPressure) {
        this.backPressure = backPressure;
    }

    /**
     * After a poll: pauses the partitions at their share and resumes those down to half of it.
     *
     * @param held  what each tracked partition holds
     * @param total what the worker holds in all
     */
    void apply(Consumer<?, ?> consumer, Map<TopicPartition, BackPressure.Held> held, BackPressure.Held total) {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> pausedNow = consumer.paused();
        BackPressure.Decision decision = backPressure.decide(assigned, held, total, pausedNow);
        consumer.pause(decision.pause());
        consumer.resume(decision.resume());
        pausedPartitions = pausedNow.size() + decision.pause().size() - decision.resume().size();
    }

    /** Partitions just assigned: paused at once if everything is. */
    void assigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (stoppedFetching || backPressure.full()) {
            consumer.pause(partitions);
        }
    }

    /** For stopping: pauses every partition, now and from now on. */
    void stopFetching(Consumer<?, ?> consumer) {
        consumer.pause(consumer.assignment());
        stoppedFetching = true;
        pausedPartitions = consumer.assignment().size();
    }

    /** Partitions not fetched for now: they hold their share of {@code worker.max-buffered}, or the worker is stopping. */
    int pausedPartitions() {
        return pausedPartitions;
    }
}
