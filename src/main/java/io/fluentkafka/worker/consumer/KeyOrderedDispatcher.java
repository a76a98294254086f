package io.fluentkafka.worker.consumer;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs jobs concurrently, at most {@code maxInFlight} at once, while jobs with the same order key run one at a
 * time in the order they were submitted. A job waiting behind its key, or for a free slot, costs no thread.
 * Thread-safe; {@code onFinished} is called once per job that ran, on the thread that finished it.
 */
final class KeyOrderedDispatcher {

    private final int maxInFlight;
    private final Function<Job, CompletableFuture<Void>> work;
    private final BiConsumer<Job, Throwable> onFinished;
    private final Executor starter;

    // guarded by this: a key is present while one of its jobs is running or ready; the deque holds the rest
    private final Map<Object, ArrayDeque<Job>> waitingByKey = new HashMap<>();
    private final ArrayDeque<Job> ready = new ArrayDeque<>();
    private final Set<Job> running = new HashSet<>();
    private int unfinished;

    /** {@code starter} runs each job's start, so neither the poll thread nor a finishing job's thread does it. */
    KeyOrderedDispatcher(int maxInFlight, Function<Job, CompletableFuture<Void>> work, BiConsumer<Job, Throwable> onFinished, Executor starter) {
        this.maxInFlight = maxInFlight;
        this.work = work;
        this.onFinished = onFinished;
        this.starter = starter;
    }

    void submit(Job job) {
        List<Job> toStart;
        synchronized (this) {
            unfinished++;
            ArrayDeque<Job> waiting = waitingByKey.get(job.orderKey());
            if (waiting != null) {
                waiting.add(job);
            } else {
                waitingByKey.put(job.orderKey(), new ArrayDeque<>(1));
                ready.add(job);
            }
            toStart = startable();
        }
        startAll(toStart);
    }

    /** Jobs submitted and not finished: running, ready, or waiting behind their key. */
    synchronized int unfinished() {
        return unfinished;
    }

    synchronized int running() {
        return running.size();
    }

    /** Drops every job that has not started; running ones go on. Returns how many were dropped. */
    int dropNotStarted() {
        int dropped = 0;
        synchronized (this) {
            for (Job job : ready) {
                ArrayDeque<Job> behind = waitingByKey.remove(job.orderKey());
                behind.forEach(Job::abandon);
                job.abandon();
                dropped += 1 + behind.size();
            }
            ready.clear();
            for (ArrayDeque<Job> waiting : waitingByKey.values()) {
                waiting.forEach(Job::abandon);
                dropped += waiting.size();
                waiting.clear();
            }
            unfinished -= dropped;
        }
        return dropped;
    }

    /**
     * Drops the jobs of these partitions that have not started, and marks the running ones abandoned. Returns
     * how many were dropped.
     */
    int abandon(Collection<TopicPartition> partitions) {
        int dropped = 0;
        synchronized (this) {
            for (Iterator<Job> it = ready.iterator(); it.hasNext(); ) {
                Job job = it.next();
                if (partitions.contains(job.partition())) {
                    it.remove();
                    job.abandon();
                    ArrayDeque<Job> behind = waitingByKey.remove(job.orderKey());
                    behind.forEach(Job::abandon);
                    dropped += 1 + behind.size();
                }
            }
            for (ArrayDeque<Job> waiting : waitingByKey.values()) {
                for (Iterator<Job> it = waiting.iterator(); it.hasNext(); ) {
                    Job job = it.next();
                    if (partitions.contains(job.partition())) {
                        it.remove();
                        job.abandon();
                        dropped++;
                    }
                }
            }
            unfinished -= dropped;
            running.stream().filter(job -> partitions.contains(job.partition())).forEach(Job::abandon);
        }
        return dropped;
    }

    private void start(Job job) {
        CompletableFuture<Void> done;
        try {
            done = work.apply(job);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ignored, failure) -> finished(job, failure));
    }

    private void finished(Job job, Throwable failure) {
        List<Job> toStart;
        synchronized (this) {
            running.remove(job);
            unfinished--;
            ArrayDeque<Job> waiting = waitingByKey.get(job.orderKey());
            Job next = waiting == null ? null : waiting.poll();
            if (next != null) {
                ready.add(next);
            } else {
                waitingByKey.remove(job.orderKey());
            }
            toStart = startable();
        }
        onFinished.accept(job, failure);
        startAll(toStart);
    }

    private void startAll(List<Job> jobs) {
        if (!jobs.isEmpty()) {
            starter.execute(() -> jobs.forEach(this::start));
        }
    }

    private List<Job> startable() {
        List<Job> toStart = new ArrayList<>(0);
        while (running.size() < maxInFlight && !ready.isEmpty()) {
            Job job = ready.poll();
            running.add(job);
            toStart.add(job);
        }
        return toStart;
    }
}
