package io.fluentkafka.worker.consumer;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code worker.max-in-flight} places and the jobs holding them: started, and not stepped out. A free place goes
 * to a stepped-out job whose wait is over before any job not yet started. Not thread-safe: guarded by
 * {@link KeyOrderedDispatcher}.
 */
final class Places {

    private final int max;
    private final Set<Job> holders = new HashSet<>();

    Places(int max) {
        this.max = max;
    }

    /**
     * Gives the free places to returning jobs first, then to ready ones; returns what to run outside the lock: a
     * returning job's go-on, or {@code start} of a ready job.
     */
    List<Runnable> fill(SteppedOutJobs steppedOut, PendingJobs pending, Consumer<Job> start) {
        List<Runnable> toRun = new ArrayList<>(0);
        while (holders.size() < max) {
            SteppedOutJobs.Back back = steppedOut.nextBack();
            if (back != null) {
                holders.add(back.job());
                toRun.add(() -> back.goOn().complete(null));
                continue;
            }
            Job job = pending.nextReady();
            if (job == null) {
                break;
            }
            holders.add(job);
            toRun.add(() -> start.accept(job));
        }
        return toRun;
    }

    /** The job gives up its place, stepping out or finished; false if it held none. */
    boolean release(Job job) {
        return holders.remove(job);
    }

    int taken() {
        return holders.size();
    }

    /** How many places jobs of {@code partition} hold. */
    long heldIn(TopicPartition partition) {
        return holders.stream().filter(job -> job.partition().equals(partition)).count();
    }

    /** Marks the jobs of these partitions that hold a place abandoned: their results will not be committed. */
    void abandonIn(Collection<TopicPartition> partitions) {
        holders.stream().filter(job -> partitions.contains(job.partition())).forEach(Job::abandon);
    }
}
