package io.fluentkafka.worker.consumer;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds what is buffered, fairly, in records ({@code worker.max-buffered}) and in bytes
 * ({@code worker.max-buffered-bytes}): every partition may hold its share of both and is paused when it reaches
 * either, until it is down to half of both, so that one busy partition (or one hot key, or a run of large records)
 * cannot fill the buffer while the others starve; when everything buffered reaches either bound, every partition
 * pauses until half of both has finished. A partition holding nothing is never paused for its share, so a record
 * larger than a share (or than the whole byte bound) is still taken, alone. A poll may overshoot a share by what
 * one poll returns ({@code max.poll.records}, {@code fetch.max.bytes}). Poll thread only.
 */
final class BackPressure {

    private final int maxRecords;
    private final long maxBytes;
    private boolean full;

    BackPressure(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** What a partition, or the whole worker, holds: records taken and not finished, and their bytes. */
    record Held(int records, long bytes) {
        static final Held NOTHING = new Held(0, 0);
    }

    /** Partitions to pause and to resume; each list holds only partitions not yet in that state. */
    record Decision(List<TopicPartition> pause, List<TopicPartition> resume) {
    }

    /**
     * @param held   what each assigned partition holds (a partition missing holds nothing)
     * @param total  what the worker holds in all
     * @param paused the partitions paused now
     */
    Decision decide(Set<TopicPartition> assigned, Map<TopicPartition, Held> held, Held total, Set<TopicPartition> paused) {
        if (total.records() >= maxRecords || total.bytes() >= maxBytes) {
            full = true;
        } else if (full && atMostHalf(total, maxRecords, maxBytes)) {
            full = false;
        }
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        if (assigned.isEmpty()) {
            return new Decision(pause, resume);
        }
        int shareRecords = Math.max(1, maxRecords / assigned.size());
        long shareBytes = Math.max(1, maxBytes / assigned.size());
        for (TopicPartition partition : assigned) {
            Held holds = held.getOrDefault(partition, Held.NOTHING);
            boolean atShare = holds.records() >= shareRecords || holds.bytes() >= shareBytes;
            if (!paused.contains(partition) && (full || atShare)) {
                pause.add(partition);
            } else if (paused.contains(partition) && !full && atMostHalf(holds, shareRecords, shareBytes)) {
                resume.add(partition);
            }
        }
        return new Decision(pause, resume);
    }

    /** True while everything pauses: the buffer reached a bound and has not yet come down to half of both. */
    boolean full() {
        return full;
    }

    private static boolean atMostHalf(Held held, int records, long bytes) {
        return held.records() <= records / 2 && held.bytes() <= bytes / 2;
    }
}
