package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Creates that survive being repeated. When Fluent refuses a create because the entity already exists (a redelivered
 * command, or the same entity sent twice), a second step either looks the existing one up and the command succeeds
 * with {@code ALREADY_EXISTS} ({@code Repeat.LOOKUP_AFTER_DUPLICATE}), or updates it to the command's values and the
 * command succeeds with {@code UPDATED} ({@code Repeat.UPDATE_AFTER_DUPLICATE}). Which errors mean "already exists" is
 * configurable ({@code fluent.duplicate-*}): by code, never by text that may quote user data.
 */
@Singleton
final class Duplicates {

    private final FluentClientConfiguration configuration;
    private final Pattern duplicateMessage;

    Duplicates(FluentClientConfiguration configuration) {
        this.configuration = configuration;
        this.duplicateMessage = configuration.duplicateMessagePattern().isEmpty() ? null : Pattern.compile(configuration.duplicateMessagePattern());
    }

    /** Step one creates; on a duplicate error, step two finds. Neither found nor created fails with the create's error. */
    <E> CompletableFuture<Succeeded> createOrFind(Execution execution, Supplier<CompletableFuture<E>> create,
                                                  Supplier<CompletableFuture<Optional<E>>> find,
                                                  Function<E, ? extends SpecificRecord> result) {
        return afterDuplicate(execution, create, result, rejected -> execution.step(find).thenApply(existing -> existing
                .map(entity -> Succeeded.of(Detail.ALREADY_EXISTS, result.apply(entity)))
                .orElseThrow(() -> rejected)));
    }

    /**
     * Step one creates; on a duplicate error, step two updates the existing entity and its answer is the result. A
     * failed update fails the command with the update's error (e.g. the entity went away in between).
     */
    <E, U extends SpecificRecord> CompletableFuture<Succeeded> createOrUpdate(Execution execution, Supplier<CompletableFuture<E>> create,
                                                                              Function<E, ? extends SpecificRecord> result,
                                                                              Supplier<CompletableFuture<U>> update) {
        return afterDuplicate(execution, create, result, rejected -> execution.step(update)
                .thenApply(updated -> Succeeded.of(Detail.UPDATED, updated)));
    }

    /** CREATED with the created entity, else {@code onDuplicate} for a duplicate error, else the create's failure. */
    private <E> CompletableFuture<Succeeded> afterDuplicate(Execution execution, Supplier<CompletableFuture<E>> create,
                                                            Function<E, ? extends SpecificRecord> result,
                                                            Function<FluentRejectedException, CompletableFuture<Succeeded>> onDuplicate) {
        return execution.step(create)
                .thenApply(created -> Succeeded.of(Detail.CREATED, result.apply(created)))
                .exceptionallyCompose(failure -> {
                    Throwable cause = FluentException.causeOf(failure);
                    if (!(cause instanceof FluentRejectedException rejected) || !rejected.anyMatches(configuration.duplicateErrorCodes(), duplicateMessage)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return onDuplicate.apply(rejected);
                });
    }
}
