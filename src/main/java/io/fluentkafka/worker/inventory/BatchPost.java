package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentRejectedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Drives one flushed batch to its end: every member's future completes, with the receipt or with the failure.
 *
 * <p>The calls run as steps of one member's execution, the driver: the first member not yet done. Its retry policy
 * governs them (a transient failure repeats the batch POST, never the job creation, which is a step of its own and
 * cached). When the driver is abandoned (a {@link CancellationException} from its step), only the driver's future
 * fails so, and the next member drives the rest, on another thread (a long hand-over never deepens one stack): a
 * command's abandonment never leaves the others waiting. Every POST carries only the members still live: one whose
 * result would no longer be committed (its partition moved on) is failed as abandoned and left out, so a repeated
 * POST never sets a position a newer command of the partition's next owner may have set since. When Fluent refuses
 * the batch, the job is looked up once: a job that is gone or no longer OPEN is replaced and the batch posted into
 * the new one, once. Any other final failure, a bug in this class included, fails every member. Once Fluent accepted
 * the batch, its members are answered as {@link BatchAcceptance} says.
 */
final class BatchPost {

    record Member(InventoryPosition position, Execution execution, CompletableFuture<BatchReceipt> done) {
    }

    private final Destination destination;
    private final List<Member> members;
    private final InventoryJobs jobs;
    private final BatchAcceptance acceptance;

    BatchPost(Destination destination, List<Member> members, InventoryJobs jobs, BatchAcceptance acceptance) {
        this.destination = destination;
        this.members = List.copyOf(members);
        this.jobs = jobs;
        this.acceptance = acceptance;
    }

    void start() {
        guarded(() -> attempt(false));
    }

    /** Whatever goes wrong here ends every member: none may wait for a future nobody will complete. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (Throwable bug) {
            members.forEach(m -> m.done().completeExceptionally(bug));
        }
    }

    /** The members still to be answered; those abandoned meanwhile are failed so and dropped. */
    private List<Member> live() {
        List<Member> live = new ArrayList<>();
        for (Member member : members) {
            if (member.execution().abandoned()) {
                member.done().completeExceptionally(new CancellationException("abandoned before its batch was accepted"));
            } else if (!member.done().isDone()) {
                live.add(member);
            }
        }
        return live;
    }

    private void attempt(boolean jobReplaced) {
        List<Member> live = live();
        if (live.isEmpty()) {
            return;
        }
        Member driver = live.get(0);
        InventoryJobs.Acquired job = jobs.current(destination, driver.execution());
        job.jobId().whenComplete((jobId, failure) -> guarded(() -> {
            if (failure == null) {
                post(driver, jobId, jobReplaced);
            } else if (!job.createdHere() && FluentException.causeOf(failure) instanceof CancellationException) {
                attempt(jobReplaced); // another batch's driver was abandoned while creating the job: create it again
            } else {
                ended(driver, failure);
            }
        }));
    }

    private void post(Member driver, String jobId, boolean jobReplaced) {
        List<Member> live = live();
        if (live.isEmpty()) {
            return;
        }
        Object body = InventoryRequests.batchBody(destination, live.stream().map(Member::position).toList());
        driver.execution().step(() -> destination.fluent().rest().post(InventoryRequests.batchesPath(jobId), body))
                .thenApply(answer -> new BatchReceipt(jobId, InventoryRequests.id(answer, "a batch"), live.size(),
                        InventoryRequests.progress(answer, BatchProgress.UNSEEN)))
                .whenComplete((receipt, failure) -> guarded(() -> {
                    if (failure == null) {
                        acceptance.accepted(destination, receipt, live);
                    } else if (!jobReplaced && FluentException.causeOf(failure) instanceof FluentRejectedException) {
                        replaceIfClosed(driver, jobId, failure);
                    } else {
                        ended(driver, failure);
                    }
                }));
    }

    /** After a refusal: is the job still open? Decided from Fluent's structured job status, never its message. */
    private void replaceIfClosed(Member driver, String jobId, Throwable refusal) {
        driver.execution().step(() -> destination.fluent().rest().get(InventoryRequests.jobPath(jobId)))
                .whenComplete((job, failure) -> guarded(() -> {
                    if (failure == null && InventoryRequests.closed(job)) {
                        jobs.forget(destination, jobId);
                        attempt(true);
                    } else {
                        // Fluent's refusal stays the reason, unless the driver was abandoned during the look-up
                        boolean handOver = failure != null && FluentException.causeOf(failure) instanceof CancellationException;
                        ended(driver, handOver ? failure : refusal);
                    }
                }));
    }

    /** The driver's abandonment ends only the driver; any other failure ends every member. */
    private void ended(Member driver, Throwable failure) {
        Throwable cause = FluentException.causeOf(failure);
        if (cause instanceof CancellationException) {
            driver.done().completeExceptionally(cause);
            CompletableFuture.runAsync(() -> guarded(() -> attempt(false))); // a fresh stack for the next driver
        } else {
            members.forEach(m -> m.done().completeExceptionally(cause));
        }
    }
}
