package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.command.Abandonment;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Runs jobs concurrently, while jobs with the same order key run one at a time in the order they were submitted. A
 * job waiting behind its key costs no thread. How many run is bounded by what the poll loop takes ({@code
 * worker.max-buffered}); how many call Fluent at once, by the call permits ({@code worker.max-in-flight}). A running
 * job learns of a revocation or a stop through its {@link Abandonment}, never by calling back into the dispatcher.
 * Thread-safe; {@code onFinished} is called once per job that started, on the thread that finished it.
 *
 * <p>The parts, all guarded by this dispatcher's lock: {@link PendingJobs} (not started, in key order), the started
 * jobs, and {@link Revocations}.
 */
final class KeyOrderedDispatcher {

    private final BiFunction<Job, Abandonment, CompletableFuture<Void>> work;
    private final BiConsumer<Job, Throwable> onFinished;
    private final Executor starter;

    // guarded by this
    private final PendingJobs pending = new PendingJobs();
    private final Set<Job> started = new HashSet<>();
    private final Revocations revocations = new Revocations();
    private int unfinished;
    private long unfinishedBytes;
    private boolean stopping;

    /** {@code starter} runs each job's start, so neither the poll thread nor a finishing job's thread does it. */
    KeyOrderedDispatcher(BiFunction<Job, Abandonment, CompletableFuture<Void>> work, BiConsumer<Job, Throwable> onFinished,
                         Executor starter) {
        this.work = work;
        this.onFinished = onFinished;
        this.starter = starter;
    }

    void submit(Job job) {
        List<Job> toStart;
        synchronized (this) {
            unfinished++;
            unfinishedBytes += job.size();
            pending.add(job);
            toStart = startable();
        }
        startAll(toStart);
    }

    /** Jobs submitted and not finished: running, or waiting behind their key. */
    synchronized int unfinished() {
        return unfinished;
    }

    /** The bytes of the unfinished jobs' records (see {@link Job#size()}). */
    synchronized long unfinishedBytes() {
        return unfinishedBytes;
    }

    /**
     * For stopping: drops every job that has not started; running ones go on, but none of them may wait any more.
     * Returns how many were dropped.
     */
    int dropNotStarted() {
        List<Job> running;
        int dropped;
        synchronized (this) {
            stopping = true;
            running = List.copyOf(started);
            dropped = drop(job -> true);
        }
        running.forEach(job -> job.abandonment().endWaiting()); // outside the lock: a waiting job's chain runs at once
        return dropped;
    }

    /**
     * For a rebalance taking these partitions away: from now on nothing of theirs starts, their jobs that have not
     * started are dropped, and their running ones may not wait any more. The result completes when the last of their
     * running jobs has finished (at once if none runs); then, or when the wait is given up, call {@link #abandon}.
     */
    Revoked revoke(Collection<TopicPartition> partitions) {
        List<Job> running;
        Revoked revoked;
        synchronized (this) {
            running = startedIn(partitions);
            CompletableFuture<Void> lastFinished = revocations.revoke(partitions,
                    partition -> running.stream().filter(job -> job.partition().equals(partition)).count());
            revoked = new Revoked(drop(job -> partitions.contains(job.partition())), lastFinished);
        }
        running.forEach(job -> job.abandonment().endWaiting()); // outside the lock: a waiting job's chain runs at once
        return revoked;
    }

    /**
     * Drops the jobs of these partitions that have not started and abandons the running ones (their results will not
     * be committed); ends their revocation, if any. Returns how many were dropped.
     */
    int abandon(Collection<TopicPartition> partitions) {
        List<Job> running;
        int dropped;
        synchronized (this) {
            running = startedIn(partitions);
            revocations.end(partitions);
            dropped = drop(job -> partitions.contains(job.partition()));
        }
        running.forEach(job -> job.abandonment().abandon()); // outside the lock: a waiting job's chain runs at once
        return dropped;
    }

    /** Under the lock: a copy of the started jobs of these partitions. */
    private List<Job> startedIn(Collection<TopicPartition> partitions) {
        return started.stream().filter(job -> partitions.contains(job.partition())).toList();
    }

    /** Under the lock: abandons and forgets the matching jobs not started (nothing waits on their signals yet). */
    private int drop(Predicate<Job> matching) {
        List<Job> dropped = pending.remove(matching);
        for (Job job : dropped) {
            job.abandonment().abandon();
            unfinished--;
            unfinishedBytes -= job.size();
        }
        return dropped.size();
    }

    private void start(Job job) {
        CompletableFuture<Void> done;
        try {
            done = work.apply(job, job.abandonment());
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ignored, failure) -> finished(job, failure));
    }

    private void finished(Job job, Throwable failure) {
        List<Job> toStart;
        CompletableFuture<Void> revoked;
        // first, so that whoever then sees the job gone (a drain, a revocation) also sees its offset finished
        onFinished.accept(job, failure);
        synchronized (this) {
            started.remove(job);
            unfinished--;
            unfinishedBytes -= job.size();
            revoked = revocations.finished(job.partition());
            pending.finished(job);
            toStart = startable();
        }
        if (revoked != null) {
            revoked.complete(null);
        }
        startAll(toStart);
    }

    /**
     * Under the lock: takes every job whose key is free, marking it started; if stopping or revoked, unable to wait (safe
     * here: nothing waits on its signals before it starts).
     */
    private List<Job> startable() {
        List<Job> ready = new ArrayList<>();
        for (Job job = pending.nextReady(); job != null; job = pending.nextReady()) {
            if (stopping || revocations.revoking(job.partition())) {
                job.abandonment().endWaiting();
            }
            started.add(job);
            ready.add(job);
        }
        return ready;
    }

    private void startAll(List<Job> jobs) {
        if (!jobs.isEmpty()) {
            starter.execute(() -> jobs.forEach(this::start));
        }
    }

    /**
     * @param dropped      jobs of the revoked partitions dropped before they started
     * @param lastFinished completes when none of their jobs runs any more
     */
    record Revoked(int dropped, CompletableFuture<Void> lastFinished) {
    }
}
