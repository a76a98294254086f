package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentRejectedException;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Drives one flushed batch to its end: every member's future completes, with the receipt or with the failure.
 *
 * <p>The calls run as steps of one member's execution, the driver: the first member not yet done. Its retry policy
 * governs them (a transient failure repeats the batch POST, never the job creation, which is a step of its own and
 * cached). When the driver is abandoned (a {@link CancellationException} from its step), only the driver's future
 * fails so, and the next member drives the rest: a command's abandonment never leaves the others waiting, and the
 * batch may be posted again, which sets the same absolute quantities. When Fluent refuses the batch, the job is
 * looked up once: a job that is gone or no longer OPEN is replaced and the batch posted into the new one, once.
 * Any other final failure fails every member.
 */
final class BatchPost {

    record Member(InventoryPosition position, Execution execution, CompletableFuture<BatchReceipt> done) {
    }

    private final Destination destination;
    private final List<Member> members;
    private final InventoryJobs jobs;
    private final Object body;

    BatchPost(Destination destination, List<Member> members, InventoryJobs jobs) {
        this.destination = destination;
        this.members = List.copyOf(members);
        this.jobs = jobs;
        this.body = InventoryRequests.batchBody(destination, this.members.stream().map(Member::position).toList());
    }

    void start() {
        attempt(false);
    }

    private void attempt(boolean jobReplaced) {
        Member driver = members.stream().filter(m -> !m.done().isDone()).findFirst().orElse(null);
        if (driver == null) {
            return;
        }
        InventoryJobs.Acquired job = jobs.current(destination, driver.execution());
        job.jobId().whenComplete((jobId, failure) -> {
            if (failure == null) {
                post(driver, jobId, jobReplaced);
            } else if (!job.createdHere() && FluentException.causeOf(failure) instanceof CancellationException) {
                attempt(jobReplaced); // another batch's driver was abandoned while creating the job: create it again
            } else {
                ended(driver, failure);
            }
        });
    }

    private void post(Member driver, String jobId, boolean jobReplaced) {
        driver.execution().step(() -> destination.fluent().rest().post(InventoryRequests.batchesPath(jobId), body))
                .thenApply(answer -> new BatchReceipt(jobId, InventoryRequests.id(answer, "a batch"), members.size()))
                .whenComplete((receipt, failure) -> {
                    if (failure == null) {
                        members.forEach(m -> m.done().complete(receipt));
                    } else if (!jobReplaced && FluentException.causeOf(failure) instanceof FluentRejectedException) {
                        replaceIfClosed(driver, jobId, failure);
                    } else {
                        ended(driver, failure);
                    }
                });
    }

    /** After a refusal: is the job still open? Decided from Fluent's structured job status, never its message. */
    private void replaceIfClosed(Member driver, String jobId, Throwable refusal) {
        driver.execution().step(() -> destination.fluent().rest().get(InventoryRequests.jobPath(jobId)))
                .whenComplete((job, failure) -> {
                    if (failure == null && InventoryRequests.closed(job)) {
                        jobs.forget(destination, jobId);
                        attempt(true);
                    } else {
                        ended(driver, failure != null ? failure : refusal);
                    }
                });
    }

    /** The driver's abandonment ends only the driver; any other failure ends every member. */
    private void ended(Member driver, Throwable failure) {
        Throwable cause = FluentException.causeOf(failure);
        if (cause instanceof CancellationException) {
            driver.done().completeExceptionally(cause);
            attempt(false);
        } else {
            members.forEach(m -> m.done().completeExceptionally(cause));
        }
    }
}
