package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.fluent.FluentAuthenticationException;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentUnavailableException;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.json.tree.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Awaits one accepted batch until Fluent shows it COMPLETE ({@code worker.inventory.await-completion}): reads
 * {@code GET /api/v4.1/job/{jobId}/batch/{batchId}} every poll interval and decides only from the answer's structured
 * {@code status}, {@code count} and {@code total}.
 *
 * <p>Contract: every member is answered with the receipt and the progress last seen, never failed (Fluent accepted the
 * batch; posting it again would not make it complete sooner), at the first of: the batch COMPLETE; the timeout after
 * the acceptance; a read Fluent refuses (a 4xx, a 404 included: asking again will not help); its own waiting over
 * (a rebalance or a stop: awaiting is no reason to hold the partition).
 *
 * <p>A read belongs to no member: it is one call, made at once, outside any command's retry policy, so it never
 * waits for a back-off, the connection or a call permit, and no member is ever abandoned by it (an abandoned member's
 * reply would be dropped and its accepted position sent again). Its own retry is the next poll: a read Fluent cannot
 * answer now (unavailable, a timeout, credentials refused), or not made because the connection is down, is one read
 * without news. Reads run one at a time per batch and not once every member is answered; a read still under way then
 * ends within the connection's timeouts and its answer is ignored. Like the connection's probes, reads hold none of
 * the call permits ({@code worker.max-in-flight} bounds commands' calls).
 */
final class BatchCompletion {

    private final Destination destination;
    private volatile List<BatchPost.Member> members; // none once all are answered: the timers hold no batch
    private final Scheduler scheduler;
    private final Duration pollInterval;
    private volatile BatchReceipt latest;

    BatchCompletion(Destination destination, BatchReceipt accepted, List<BatchPost.Member> members, Scheduler scheduler,
                    Duration pollInterval) {
        this.destination = destination;
        this.latest = accepted;
        this.members = List.copyOf(members);
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
    }

    void start(Duration timeout) {
        List<BatchPost.Member> all = members;
        all.forEach(member -> member.execution().waitingOver().thenRun(() -> member.done().complete(latest)));
        scheduler.after(timeout).thenRun(this::answerAll);
        nextRead();
    }

    private void nextRead() {
        scheduler.after(pollInterval).thenRun(() -> guarded(this::read));
    }

    /** Whatever goes wrong here answers every member: the batch was accepted, and none may wait for nothing. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException bug) {
            answerAll();
        }
    }

    private void read() {
        if (members.stream().allMatch(member -> member.done().isDone())) {
            members = List.of(); // each was answered as its waiting ended
            return;
        }
        if (destination.fluent().availability().isDown()) {
            nextRead(); // no call into an outage the probes are watching: a read without news
            return;
        }
        destination.fluent().rest().get(InventoryRequests.batchPath(latest.jobId(), latest.batchId()))
                .whenComplete((batch, failure) -> guarded(() -> {
                    if (failure == null) {
                        seen(batch);
                    } else if (failedForNow(FluentException.causeOf(failure))) {
                        nextRead();
                    } else {
                        answerAll();
                    }
                }));
    }

    private void seen(Optional<JsonNode> batch) {
        if (batch.isEmpty()) {
            answerAll(); // gone: no status will come
            return;
        }
        latest = latest.seen(InventoryRequests.progress(batch.get(), latest.progress()));
        if (latest.progress().complete()) {
            answerAll();
        } else {
            nextRead();
        }
    }

    /** Fluent could not answer now; a refusal ({@code FluentRejectedException}) or a bug ends the awaiting instead. */
    private static boolean failedForNow(Throwable cause) {
        return cause instanceof FluentUnavailableException || cause instanceof FluentAuthenticationException;
    }

    private void answerAll() {
        List<BatchPost.Member> all = members;
        members = List.of();
        all.forEach(member -> member.done().complete(latest));
    }
}
