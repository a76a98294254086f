package io.fluentkafka.worker.consumer;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Started jobs that gave up their place while they wait (see {@link io.fluentkafka.worker.command.InFlight}), each
 * with the future that lets it go on. Those whose wait is over queue to come back, in the order their waits ended.
 * Not thread-safe: guarded by {@link KeyOrderedDispatcher}.
 */
final class SteppedOutJobs {

    private final Map<Job, CompletableFuture<Void>> away = new HashMap<>();
    private final ArrayDeque<Job> returning = new ArrayDeque<>();

    /** A job coming back into a place, and what to complete (outside the lock) to let it go on. */
    record Back(Job job, CompletableFuture<Void> goOn) {
    }

    void add(Job job, CompletableFuture<Void> back) {
        away.put(job, back);
    }

    /** The job's wait is over: it queues to come back. False if it was called back (cancelled) meanwhile. */
    boolean waitOver(Job job) {
        if (!away.containsKey(job)) {
            return false;
        }
        returning.add(job);
        return true;
    }

    /** Takes the first job whose wait is over; null if none. */
    Back nextBack() {
        Job job = returning.poll();
        return job == null ? null : new Back(job, away.remove(job));
    }

    /** How many jobs of {@code partition} are away. */
    long count(TopicPartition partition) {
        return away.keySet().stream().filter(job -> job.partition().equals(partition)).count();
    }

    /** Abandons the matching jobs and removes them; returns their futures, to be failed outside the lock. */
    List<CompletableFuture<Void>> callBack(Predicate<Job> matching) {
        List<Job> jobs = away.keySet().stream().filter(matching).toList();
        List<CompletableFuture<Void>> futures = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            job.abandon();
            futures.add(away.remove(job));
            returning.remove(job);
        }
        return futures;
    }
}
