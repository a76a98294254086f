package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentUnavailableException;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.json.tree.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Awaits one accepted batch until Fluent shows it COMPLETE ({@code worker.inventory.await-completion}): reads
 * {@code GET /api/v4.1/job/{jobId}/batch/{batchId}} every poll interval, each read a step of the first member not yet
 * answered, and decides only from the answer's structured {@code status}, {@code count} and {@code total}.
 *
 * <p>Contract: every member is answered with the receipt and the progress last seen, never failed (Fluent accepted the
 * batch; posting it again would not make it complete sooner), at the first of: the batch COMPLETE; the timeout after
 * the acceptance; a read that finally fails (a 4xx, a 404 included: asking again will not help); its own waiting over
 * (a rebalance or a stop: awaiting is no reason to hold the partition). A read that stays unavailable through its
 * step's retries, or whose member gave up waiting, is one read without news: the next one follows at the next interval.
 * A read still under way when every member is answered is left to end under the retry policy; its answer is ignored.
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
        BatchPost.Member reader = members.stream().filter(member -> !member.done().isDone()).findFirst().orElse(null);
        if (reader == null) {
            members = List.of(); // each was answered as its waiting ended
            return;
        }
        String path = InventoryRequests.batchPath(latest.jobId(), latest.batchId());
        reader.execution().step(() -> destination.fluent().rest().get(path))
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

    private static boolean failedForNow(Throwable cause) {
        return cause instanceof FluentUnavailableException || cause instanceof CancellationException;
    }

    private void answerAll() {
        List<BatchPost.Member> all = members;
        members = List.of();
        all.forEach(member -> member.done().complete(latest));
    }
}
