package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.command.InFlight;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Runs jobs concurrently, at most {@code maxInFlight} at once, while jobs with the same order key run one at a
 * time in the order they were submitted. A running job may step out while it waits (see {@link InFlight}): its
 * place goes to another job, and when the wait is over it comes back ahead of jobs not yet started. A job waiting
 * behind its key, for a place, or stepped out costs no thread. Thread-safe; {@code onFinished} is called once per
 * job that started, on the thread that finished it.
 */
final class KeyOrderedDispatcher {

    private final int maxInFlight;
    private final BiFunction<Job, InFlight, CompletableFuture<Void>> work;
    private final BiConsumer<Job, Throwable> onFinished;
    private final Executor starter;

    // guarded by this: a key is present while one of its jobs is running, ready or stepped out; the deque holds the rest
    private final Map<Object, ArrayDeque<Job>> waitingByKey = new HashMap<>();
    private final ArrayDeque<Job> ready = new ArrayDeque<>();
    private final Set<Job> running = new HashSet<>();
    // stepped out, each with the future that lets it go on; those whose wait is over queue in returning
    private final Map<Job, CompletableFuture<Void>> away = new HashMap<>();
    private final ArrayDeque<Job> returning = new ArrayDeque<>();
    // partitions being taken away: their started jobs may finish, nothing else of theirs starts or steps out
    private final Map<TopicPartition, Revocation> revoking = new HashMap<>();
    private int unfinished;
    private long unfinishedBytes;
    private boolean stopping;

    /**
     * {@code starter} runs each job's start and each return, so neither the poll thread nor a finishing job's thread
     * does it.
     */
    KeyOrderedDispatcher(int maxInFlight, BiFunction<Job, InFlight, CompletableFuture<Void>> work, BiConsumer<Job, Throwable> onFinished,
                         Executor starter) {
        this.maxInFlight = maxInFlight;
        this.work = work;
        this.onFinished = onFinished;
        this.starter = starter;
    }

    void submit(Job job) {
        List<Runnable> toStart;
        synchronized (this) {
            unfinished++;
            unfinishedBytes += job.size();
            ArrayDeque<Job> waiting = waitingByKey.get(job.orderKey());
            if (waiting != null) {
                waiting.add(job);
            } else {
                waitingByKey.put(job.orderKey(), new ArrayDeque<>(1));
                ready.add(job);
            }
            toStart = startable();
        }
        runAll(toStart);
    }

    /** Jobs submitted and not finished: running, stepped out, ready, or waiting behind their key. */
    synchronized int unfinished() {
        return unfinished;
    }

    /** The bytes of the unfinished jobs' records (see {@link Job#size()}). */
    synchronized long unfinishedBytes() {
        return unfinishedBytes;
    }

    /** Jobs holding a place: started, and not stepped out. */
    synchronized int running() {
        return running.size();
    }

    /**
     * For stopping: drops every job that has not started and cancels those stepped out; running ones go on, but
     * from now on one that would step out is cancelled instead. Returns how many were dropped or cancelled.
     */
    int dropNotStarted() {
        int dropped;
        List<CompletableFuture<Void>> cancelled;
        synchronized (this) {
            stopping = true;
            dropped = removeNotStarted(job -> true);
            cancelled = callBack(away.keySet());
        }
        cancel(cancelled);
        return dropped + cancelled.size();
    }

    /**
     * For a rebalance taking these partitions away: from now on nothing of theirs starts. Drops their jobs that
     * have not started and cancels those stepped out; a running one that would step out is cancelled instead. The
     * result completes when the last of their running jobs has finished (at once if none runs); then, or when the
     * wait is given up, call {@link #abandon}. Returns how many were dropped or cancelled with the future.
     */
    Revoked revoke(Collection<TopicPartition> partitions) {
        int dropped;
        List<CompletableFuture<Void>> cancelled;
        CompletableFuture<Void> lastFinished;
        synchronized (this) {
            dropped = removeNotStarted(job -> partitions.contains(job.partition()));
            List<CompletableFuture<Void>> partitionsDone = new ArrayList<>(partitions.size());
            for (TopicPartition partition : partitions) {
                // a stepped-out job, once cancelled, still finishes (exceptionally) through its own chain
                long started = running.stream().filter(job -> job.partition().equals(partition)).count()
                        + away.keySet().stream().filter(job -> job.partition().equals(partition)).count();
                Revocation revocation = revoking.computeIfAbsent(partition, ignored -> new Revocation());
                revocation.started = (int) started;
                if (started == 0) {
                    revocation.done.complete(null);
                }
                partitionsDone.add(revocation.done);
            }
            lastFinished = CompletableFuture.allOf(partitionsDone.toArray(CompletableFuture[]::new));
            cancelled = callBack(away.keySet().stream().filter(job -> partitions.contains(job.partition())).toList());
        }
        cancel(cancelled);
        return new Revoked(dropped + cancelled.size(), lastFinished);
    }

    /**
     * Drops the jobs of these partitions that have not started, cancels those stepped out, and marks the running
     * ones abandoned; ends their revocation, if any. Returns how many were dropped or cancelled.
     */
    int abandon(Collection<TopicPartition> partitions) {
        int dropped;
        List<CompletableFuture<Void>> cancelled;
        synchronized (this) {
            dropped = removeNotStarted(job -> partitions.contains(job.partition()));
            running.stream().filter(job -> partitions.contains(job.partition())).forEach(Job::abandon);
            cancelled = callBack(away.keySet().stream().filter(job -> partitions.contains(job.partition())).toList());
            partitions.forEach(revoking::remove);
        }
        cancel(cancelled);
        return dropped + cancelled.size();
    }

    /** Removes and abandons the jobs that are ready or waiting behind their key and match; returns how many. */
    private int removeNotStarted(Predicate<Job> matching) {
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
        for (Job job : removed) {
            job.abandon();
            unfinished--;
            unfinishedBytes -= job.size();
        }
        return removed.size();
    }

    /** Abandons these stepped-out jobs and returns their futures, to be failed outside the lock. */
    private List<CompletableFuture<Void>> callBack(Collection<Job> jobs) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(jobs.size());
        for (Job job : List.copyOf(jobs)) {
            job.abandon();
            futures.add(away.remove(job));
            returning.remove(job);
        }
        return futures;
    }

    private static void cancel(List<CompletableFuture<Void>> stepOuts) {
        stepOuts.forEach(stepOut -> stepOut.completeExceptionally(new CancellationException("abandoned while waiting")));
    }

    private CompletableFuture<Void> stepOut(Job job, CompletionStage<?> wait) {
        CompletableFuture<Void> back = new CompletableFuture<>();
        List<Runnable> toStart;
        synchronized (this) {
            if (stopping || revoking.containsKey(job.partition()) || job.abandoned() || !running.remove(job)) {
                job.abandon();
                back.completeExceptionally(new CancellationException("abandoned"));
                return back;
            }
            away.put(job, back);
            toStart = startable();
        }
        runAll(toStart);
        wait.whenComplete((ignored, failure) -> comeBack(job));
        return back;
    }

    private void comeBack(Job job) {
        List<Runnable> toStart;
        synchronized (this) {
            if (!away.containsKey(job)) {
                return; // cancelled meanwhile
            }
            returning.add(job);
            toStart = startable();
        }
        runAll(toStart);
    }

    private void start(Job job) {
        CompletableFuture<Void> done;
        try {
            done = work.apply(job, new Place(job));
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ignored, failure) -> finished(job, failure));
    }

    private void finished(Job job, Throwable failure) {
        List<Runnable> toStart;
        CompletableFuture<Void> revoked = null;
        // first, so that whoever then sees the job gone (a drain, a revocation) also sees its offset finished
        onFinished.accept(job, failure);
        synchronized (this) {
            running.remove(job);
            unfinished--;
            unfinishedBytes -= job.size();
            Revocation revocation = revoking.get(job.partition());
            if (revocation != null && --revocation.started == 0) {
                revoked = revocation.done;
            }
            ArrayDeque<Job> waiting = waitingByKey.get(job.orderKey());
            Job next = waiting == null ? null : waiting.poll();
            if (next != null) {
                ready.add(next);
            } else {
                waitingByKey.remove(job.orderKey());
            }
            toStart = startable();
        }
        if (revoked != null) {
            revoked.complete(null);
        }
        runAll(toStart);
    }

    private void runAll(List<Runnable> steps) {
        if (!steps.isEmpty()) {
            starter.execute(() -> steps.forEach(Runnable::run));
        }
    }

    /** Gives free places to returning jobs first, then to ready ones; returns what to run outside the lock. */
    private List<Runnable> startable() {
        List<Runnable> toRun = new ArrayList<>(0);
        while (running.size() < maxInFlight) {
            Job back = returning.poll();
            if (back != null) {
                running.add(back);
                CompletableFuture<Void> goOn = away.remove(back);
                toRun.add(() -> goOn.complete(null));
                continue;
            }
            Job job = ready.poll();
            if (job == null) {
                break;
            }
            running.add(job);
            toRun.add(() -> start(job));
        }
        return toRun;
    }

    /** What a running job sees of the dispatcher. */
    private final class Place implements InFlight {
        private final Job job;

        Place(Job job) {
            this.job = job;
        }

        @Override
        public CompletableFuture<Void> stepOutUntil(CompletionStage<?> wait) {
            return stepOut(job, wait);
        }

        @Override
        public boolean abandoned() {
            return job.abandoned();
        }
    }

    /**
     * @param dropped      jobs of the revoked partitions dropped before they started, or cancelled while stepped out
     * @param lastFinished completes when none of their jobs runs any more
     */
    record Revoked(int dropped, CompletableFuture<Void> lastFinished) {
    }

    /** A partition being taken away: how many of its started jobs have not finished. Guarded by the dispatcher. */
    private static final class Revocation {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private int started;
    }
}
