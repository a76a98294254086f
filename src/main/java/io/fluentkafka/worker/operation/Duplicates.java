package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import jakarta.inject.Singleton;

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
    CompletableFuture<Succeeded> createOrFind(Execution execution, Supplier<CompletableFuture<Answer>> create,
                                              Supplier<CompletableFuture<Optional<Answer>>> find) {
        return afterDuplicate(execution, create, rejected -> execution.step(find).thenApply(existing -> existing
                .map(found -> found.as(Detail.ALREADY_EXISTS))
                .orElseThrow(() -> rejected)));
    }

    /**
     * Step one creates; on a duplicate error, step two updates the existing entity and its answer is the result. A
     * failed update fails the command with the update's error (e.g. the entity went away in between).
     */
    CompletableFuture<Succeeded> createOrUpdate(Execution execution, Supplier<CompletableFuture<Answer>> create,
                                                Supplier<CompletableFuture<Answer>> update) {
        return afterDuplicate(execution, create, rejected -> execution.step(update).thenApply(updated -> updated.as(Detail.UPDATED)));
    }

    /** CREATED with the created entity, else {@code onDuplicate} for a duplicate error, else the create's failure. */
    private CompletableFuture<Succeeded> afterDuplicate(Execution execution, Supplier<CompletableFuture<Answer>> create,
                                                        Function<FluentRejectedException, CompletableFuture<Succeeded>> onDuplicate) {
        return execution.step(create)
                .thenApply(created -> created.as(Detail.CREATED))
                .exceptionallyCompose(failure -> {
                    Throwable cause = FluentException.causeOf(failure);
                    if (!(cause instanceof FluentRejectedException rejected) || !rejected.anyMatches(configuration.duplicateErrorCodes(), duplicateMessage)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return onDuplicate.apply(rejected);
                });
    }
}
