package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.time.Scheduler;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The open job of each connection and retailer, one per UTC day by the injected clock (Fluent closes jobs at midnight
 * UTC). A job is created once, as a step of its own, and reused by every batch of that day; a creation that failed is
 * forgotten, so the next batch tries again. A job Fluent reports closed is {@link #forget forgotten} and replaced.
 * Thread-safe.
 *
 * <p>The creation is a step under the retry policy, so a repeat after an ambiguous failure (a timeout, or a 5xx, when
 * Fluent had created the job and its answer was lost) can leave a second, empty job of that day. Accepted on purpose:
 * a job is only a container, stock is set by batches, and every batch goes into the one job whose id the worker
 * learnt. Not repeating the creation would instead fail every command of the batch for a passing fault.
 */
final class InventoryJobs {

    /** The job to post into; {@code createdHere} when this call started its creation (with the caller's execution). */
    record Acquired(CompletableFuture<String> jobId, boolean createdHere) {
    }

    private record Key(FluentClient fluent, String retailerId) {
    }

    private record Job(LocalDate day, CompletableFuture<String> id) {
    }

    private final Scheduler scheduler;
    private final Map<Key, Job> jobs = new HashMap<>();

    InventoryJobs(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Today's job of the destination's connection and retailer; creates it as a step of {@code driver} when there is none. */
    Acquired current(Destination destination, Execution driver) {
        Key key = new Key(destination.fluent(), destination.retailerId());
        LocalDate today = LocalDate.ofInstant(scheduler.now(), ZoneOffset.UTC);
        Job job;
        synchronized (this) {
            Job known = jobs.get(key);
            if (known != null && known.day().equals(today) && !known.id().isCompletedExceptionally()) {
                return new Acquired(known.id(), false);
            }
            job = new Job(today, new CompletableFuture<>());
            jobs.put(key, job);
        }
        driver.step(() -> destination.fluent().rest().post(InventoryRequests.JOBS_PATH, InventoryRequests.jobBody(destination.retailerId(), today)))
                .thenApply(answer -> InventoryRequests.id(answer, "a job"))
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        forget(key, job);
                        job.id().completeExceptionally(failure);
                    } else {
                        job.id().complete(id);
                    }
                });
        return new Acquired(job.id(), true);
    }

    /** Forgets the job {@code jobId} of the destination, if it is still the current one: the next batch creates another. */
    void forget(Destination destination, String jobId) {
        Key key = new Key(destination.fluent(), destination.retailerId());
        synchronized (this) {
            Job known = jobs.get(key);
            if (known != null && known.id().isDone() && !known.id().isCompletedExceptionally() && jobId.equals(known.id().join())) {
                jobs.remove(key);
            }
        }
    }

    private synchronized void forget(Key key, Job job) {
        jobs.remove(key, job);
    }
}
