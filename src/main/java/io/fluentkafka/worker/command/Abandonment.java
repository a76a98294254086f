package io.fluentkafka.worker.command;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the consumer tells a running command, as signals it sets and the command reads (the command never calls back
 * into the consumer). Two moments, in this order:
 * <ul>
 *   <li>waiting is over: the command's partition is being taken away or the worker is stopping. A command that would
 *       now wait (a retry back-off, its connection, a call permit) gives up with {@link CancellationException}
 *       instead, and is abandoned by that; a call already under way, and publishing its reply, go on.</li>
 *   <li>abandoned: the command's result would not be committed here any more; publishing it stops too.</li>
 * </ul>
 * Thread-safe.
 */
public final class Abandonment {

    private final CompletableFuture<Void> waitingOver = new CompletableFuture<>();
    private volatile boolean abandoned;

    /** From now on the command may not wait. */
    public void endWaiting() {
        waitingOver.complete(null);
    }

    /** From now on the command's result would not be committed; waiting is over too. */
    public void abandon() {
        abandoned = true;
        endWaiting();
    }

    public boolean abandoned() {
        return abandoned;
    }

    /** Completes when waiting is over (or at once if it is); never fails. Reading it changes nothing. */
    public CompletionStage<Void> waitingOver() {
        return waitingOver.minimalCompletionStage();
    }

    /**
     * {@code wait}'s completion, unless waiting is over first (or already): then a {@link CancellationException}. The
     * result never completes with {@code wait}'s failure; it completes normally once {@code wait} completes at all.
     */
    public CompletableFuture<Void> await(CompletionStage<?> wait) {
        CompletableFuture<Void> waited = new CompletableFuture<>();
        wait.whenComplete((ignored, failure) -> waited.complete(null));
        cancelWhenWaitingOver(waited);
        return waited;
    }

    /**
     * Fails {@code waiter} with {@link CancellationException} once waiting is over, unless it has completed by then;
     * a waiter failed so abandons the command.
     */
    void cancelWhenWaitingOver(CompletableFuture<?> waiter) {
        waitingOver.thenRun(() -> {
            if (!waiter.isDone()) {
                // before failing the waiter: its dependents run at once and must see the command abandoned. Should the
                // wait end in between, the command goes on abandoned: its result is not committed, and is repeated
                abandoned = true;
                waiter.completeExceptionally(new CancellationException("abandoned while waiting"));
            }
        });
    }
}
