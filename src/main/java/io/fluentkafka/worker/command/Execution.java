package io.fluentkafka.worker.command;

import io.fluentkafka.worker.fluent.FluentClient;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** What an operation performs with: its command's Fluent connection, and the retry policy for each of its steps. */
public interface Execution {

    /** The Fluent connection the command named. */
    FluentClient fluent();

    /**
     * Runs one call to Fluent under the retry policy ({@link Retrier}): transient failures are retried, waiting for
     * the connection when it is down, within the step's own budget. Steps run one after another as the operation
     * composes them; a step that succeeded is never run again by a later step's retries.
     */
    <T> CompletableFuture<T> step(Supplier<CompletableFuture<T>> call);

    /**
     * The document to send for {@code field}, one of the root fields of {@code kind}'s {@link Operation#documents()}:
     * the default or its configured replacement. An upsert asks for the create- and update- kinds' documents.
     */
    Document document(String kind, String field);

    /** True once the command's result would not be committed here (see {@link Abandonment}): work for it is moot. */
    boolean abandoned();

    /**
     * Completes once the command may no longer wait (see {@link Abandonment}): its partition is being taken away or the
     * worker is stopping. Whatever the command is gathering or awaiting should end now; a call may still be made.
     * Never fails; its dependents may run on the thread that ends the waiting, so they must not block.
     */
    CompletionStage<Void> waitingOver();
}
