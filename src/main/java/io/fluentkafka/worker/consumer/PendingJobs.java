package io.fluentkafka.worker.consumer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The jobs submitted and not started, in the order they may start. A job is ready when no other job with its order
 * key has started and not finished; the others wait behind their key in submission order, and the next of them
 * becomes ready when the job before it finishes. Not thread-safe: guarded by {@link KeyOrderedDispatcher}.
 */
final class PendingJobs {

    // a key is present while one of its jobs is started or ready; the deque holds those behind it
    private final Map<Object, ArrayDeque<Job>> waitingByKey = new HashMap<>();
    private final ArrayDeque<Job> ready = new ArrayDeque<>();

    void add(Job job) {
        ArrayDeque<Job> waiting = waitingByKey.get(job.orderKey());
        if (waiting != null) {
            waiting.add(job);
        } else {
            waitingByKey.put(job.orderKey(), new ArrayDeque<>(1));
            ready.add(job);
        }
    }

    /** Takes the next ready job, to be started; null if none is ready. */
    Job nextReady() {
        return ready.poll();
    }

    /** A started job finished: the next job behind its key becomes ready, or the key is free. */
    void finished(Job job) {
        ArrayDeque<Job> waiting = waitingByKey.get(job.orderKey());
        Job next = waiting == null ? null : waiting.poll();
        if (next != null) {
            ready.add(next);
        } else {
            waitingByKey.remove(job.orderKey());
        }
    }

    /** Removes the matching jobs, and with a ready one everything behind its key; returns what was removed. */
    List<Job> remove(Predicate<Job> matching) {
        List<Job> removed = new ArrayList<>();
        for (Iterator<Job> it = ready.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (matching.test(job)) {
                it.remove();
                removed.add(job);
                removed.addAll(waitingByKey.remove(job.orderKey()));
            }
        }
        for (ArrayDeque<Job> waiting : waitingByKey.values()) {
            for (Iterator<Job> it = waiting.iterator(); it.hasNext(); ) {
                Job job = it.next();
                if (matching.test(job)) {
                    it.remove();
                    removed.add(job);
                }
            }
        }
        return removed;
    }
}
