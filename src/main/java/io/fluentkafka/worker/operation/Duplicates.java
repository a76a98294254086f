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
 * Creates that survive being repeated ({@code Repeat.LOOKUP_AFTER_DUPLICATE}). When Fluent refuses a create because the
 * entity already exists (a redelivered command, or the same entity sent twice), a second step looks the existing one
 * up and the command succeeds with {@code ALREADY_EXISTS}. Which errors mean "already exists" is configurable
 * ({@code fluent.duplicate-*}): by code, never by text that may quote user data.
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
        return execution.step(create)
                .thenApply(created -> Succeeded.of(Detail.CREATED, result.apply(created)))
                .exceptionallyCompose(failure -> {
                    Throwable cause = FluentException.causeOf(failure);
                    if (!(cause instanceof FluentRejectedException rejected) || !rejected.anyMatches(configuration.duplicateErrorCodes(), duplicateMessage)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return execution.step(find).thenApply(existing -> existing
                            .map(entity -> Succeeded.of(Detail.ALREADY_EXISTS, result.apply(entity)))
                            .orElseThrow(() -> rejected));
                });
    }
}
