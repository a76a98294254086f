package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.command.Document;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentUnavailableException;
import io.fluentkafka.worker.time.Scheduler;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A command's execution for unit tests: a step retries a transient failure at once (or after a back-off on the
 * given scheduler), up to {@code maxAttempts} calls, and fails with {@link CancellationException} without calling once
 * the command is {@link #abandon() abandoned} or its waiting is over, as the Retrier does for a command that may no
 * longer wait while its connection is down. Waiting that ends during a back-off abandons the command, as
 * {@link io.fluentkafka.worker.command.Abandonment} does. Executions made with one {@code waitingOver} future are the
 * commands of one partition: its revocation ends waiting for all of them at once.
 */
final class FakeExecution implements Execution {

    private final FluentClient fluent;
    private final int maxAttempts;
    private final AtomicInteger calls = new AtomicInteger();
    private final CompletableFuture<Void> waitingOver;
    private final Scheduler scheduler; // null: retries at once
    private final Duration backOff;
    private volatile boolean abandoned;

    FakeExecution(FluentClient fluent, int maxAttempts) {
        this(fluent, maxAttempts, new CompletableFuture<>());
    }

    FakeExecution(FluentClient fluent, int maxAttempts, CompletableFuture<Void> waitingOver) {
        this(fluent, maxAttempts, waitingOver, null, Duration.ZERO);
    }

    FakeExecution(FluentClient fluent, int maxAttempts, CompletableFuture<Void> waitingOver, Scheduler scheduler, Duration backOff) {
        this.fluent = fluent;
        this.maxAttempts = maxAttempts;
        this.waitingOver = waitingOver;
        this.scheduler = scheduler;
        this.backOff = backOff;
    }

    /** As the consumer abandons a command: its result would not be committed, and it may no longer wait. */
    void abandon() {
        abandoned = true;
        waitingOver.complete(null);
    }

    /** As a command whose partition is being revoked while its connection is down: its first step gives up (and abandons it). */
    void endWaiting() {
        waitingOver.complete(null);
    }

    @Override
    public CompletionStage<Void> waitingOver() {
        return waitingOver.minimalCompletionStage();
    }

    /** Update-inventory sends no GraphQL document. */
    @Override
    public Document document(String kind, String field) {
        throw new UnsupportedOperationException("update-inventory sends no GraphQL document");
    }

    @Override
    public boolean abandoned() {
        return abandoned;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public FluentClient fluent() {
        return fluent;
    }

    @Override
    public <T> CompletableFuture<T> step(Supplier<CompletableFuture<T>> call) {
        return attempt(call, maxAttempts);
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> call, int left) {
        if (abandoned || waitingOver.isDone()) {
            abandoned = true;
            return CompletableFuture.failedFuture(new CancellationException("abandoned while waiting"));
        }
        calls.incrementAndGet();
        return call.get().exceptionallyCompose(failure -> FluentException.causeOf(failure) instanceof FluentUnavailableException && left > 1
                ? backOff().thenCompose(ignored -> attempt(call, left - 1)) : CompletableFuture.failedFuture(failure));
    }

    /** The back-off before a retry; waiting that ends first abandons the command. */
    private CompletableFuture<Void> backOff() {
        if (scheduler == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waited = new CompletableFuture<>();
        scheduler.after(backOff).thenRun(() -> waited.complete(null));
        waitingOver.thenRun(() -> {
            if (!waited.isDone()) {
                abandoned = true;
                waited.completeExceptionally(new CancellationException("abandoned while waiting"));
            }
        });
        return waited;
    }
}
