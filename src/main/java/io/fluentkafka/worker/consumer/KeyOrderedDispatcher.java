package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.command.InFlight;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;
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
 *
 * <p>The parts, all guarded by this dispatcher's lock: {@link PendingJobs} (not started, in key order),
 * {@link Places} (started, holding a place), {@link SteppedOutJobs} (started, place given up) and
 * {@link Revocations}.
 */
final class KeyOrderedDispatcher {

    private final BiFunction<Job, InFlight, CompletableFuture<Void>> work;
    private final BiConsumer<Job, Throwable> onFinished;
    private final Executor starter;

    // guarded by this
    private final PendingJobs pending = new PendingJobs();
    private final Places places;
    private final SteppedOutJobs steppedOut = new SteppedOutJobs();
    private final Revocations revocations = new Revocations();
    private int unfinished;
    private long unfinishedBytes;
    private boolean stopping;

    /**
     * {@code starter} runs each job's start and each return, so neither the poll thread nor a finishing job's thread
     * does it.
     */
    KeyOrderedDispatcher(int maxInFlight, BiFunction<Job, InFlight, CompletableFuture<Void>> work, BiConsumer<Job, Throwable> onFinished,
                         Executor starter) {
        this.places = new Places(maxInFlight);
        this.work = work;
        this.onFinished = onFinished;
        this.starter = starter;
    }

    void submit(Job job) {
        List<Runnable> toStart;
        synchronized (this) {
            unfinished++;
            unfinishedBytes += job.size();
            pending.add(job);
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
        return places.taken();
    }

    /**
     * For stopping: drops every job that has not started and cancels those stepped out; running ones go on, but
     * from now on one that would step out is cancelled instead. Returns how many were dropped or cancelled.
     */
    int dropNotStarted() {
        GivenUp givenUp;
        synchronized (this) {
            stopping = true;
            givenUp = giveUp(job -> true);
        }
        return givenUp.cancel();
    }

    /**
     * For a rebalance taking these partitions away: from now on nothing of theirs starts. Drops their jobs that
     * have not started and cancels those stepped out; a running one that would step out is cancelled instead. The
     * result completes when the last of their running jobs has finished (at once if none runs); then, or when the
     * wait is given up, call {@link #abandon}. Returns how many were dropped or cancelled with the future.
     */
    Revoked revoke(Collection<TopicPartition> partitions) {
        GivenUp givenUp;
        CompletableFuture<Void> lastFinished;
        synchronized (this) {
            // a stepped-out job, once cancelled, still finishes (exceptionally) through its own chain
            lastFinished = revocations.revoke(partitions, partition ->
                    places.heldIn(partition) + steppedOut.count(partition));
            givenUp = giveUp(job -> partitions.contains(job.partition()));
        }
        return new Revoked(givenUp.cancel(), lastFinished);
    }

    /**
     * Drops the jobs of these partitions that have not started, cancels those stepped out, and marks the running
     * ones abandoned; ends their revocation, if any. Returns how many were dropped or cancelled.
     */
    int abandon(Collection<TopicPartition> partitions) {
        GivenUp givenUp;
        synchronized (this) {
            givenUp = giveUp(job -> partitions.contains(job.partition()));
            places.abandonIn(partitions);
            revocations.end(partitions);
        }
        return givenUp.cancel();
    }

    /** Under the lock: abandons the matching jobs not started, dropping them, and those stepped out, calling them back. */
    private GivenUp giveUp(Predicate<Job> matching) {
        List<Job> dropped = pending.remove(matching);
        for (Job job : dropped) {
            job.abandon();
            unfinished--;
            unfinishedBytes -= job.size();
        }
        return new GivenUp(dropped.size(), steppedOut.callBack(matching));
    }

    /** Jobs given up: how many were dropped, and the futures of those called back, to be failed outside the lock. */
    private record GivenUp(int dropped, List<CompletableFuture<Void>> calledBack) {

        /** Fails the called-back jobs' futures; returns how many jobs were given up in all. */
        int cancel() {
            calledBack.forEach(back -> back.completeExceptionally(new CancellationException("abandoned while waiting")));
            return dropped + calledBack.size();
        }
    }

    private CompletableFuture<Void> stepOut(Job job, CompletionStage<?> wait) {
        CompletableFuture<Void> back = new CompletableFuture<>();
        List<Runnable> toStart;
        synchronized (this) {
            if (stopping || revocations.revoking(job.partition()) || job.abandoned() || !places.release(job)) {
                job.abandon();
                back.completeExceptionally(new CancellationException("abandoned"));
                return back;
            }
            steppedOut.add(job, back);
            toStart = startable();
        }
        runAll(toStart);
        wait.whenComplete((ignored, failure) -> comeBack(job));
        return back;
    }

    private void comeBack(Job job) {
        List<Runnable> toStart;
        synchronized (this) {
            if (!steppedOut.waitOver(job)) {
                return; // cancelled meanwhile
            }
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
        CompletableFuture<Void> revoked;
        // first, so that whoever then sees the job gone (a drain, a revocation) also sees its offset finished
        onFinished.accept(job, failure);
        synchronized (this) {
            places.release(job);
            unfinished--;
            unfinishedBytes -= job.size();
            revoked = revocations.finished(job.partition());
            pending.finished(job);
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

    private List<Runnable> startable() {
        return places.fill(steppedOut, pending, this::start);
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
}
