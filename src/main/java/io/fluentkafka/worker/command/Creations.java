package io.fluentkafka.worker.command;

import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.fluentkafka.worker.fluent.CustomerDraft;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentEntity;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import io.fluentkafka.worker.fluent.ProductDraft;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Idempotent creates. When Fluent refuses a create because the entity already exists (a redelivered command,
 * or the same customer sent twice), the existing entity is looked up and the command succeeds with
 * {@code ALREADY_EXISTS}. Which errors mean "already exists" is configurable ({@code fluent.duplicate-*}): by code, never by text
 * that may quote user data.
 */
@Singleton
final class Creations {

    private final FluentClientConfiguration configuration;
    private final Pattern duplicateMessage;

    Creations(FluentClientConfiguration configuration) {
        this.configuration = configuration;
        this.duplicateMessage = configuration.duplicateMessagePattern().isEmpty() ? null : Pattern.compile(configuration.duplicateMessagePattern());
    }

    CompletableFuture<Outcome> customer(FluentClient client, CustomerDraft draft) {
        return createOrFind(() -> client.createCustomer(draft),
                () -> client.findCustomerByUsername(draft.effectiveUsername()));
    }

    CompletableFuture<Outcome> product(FluentClient client, ProductDraft draft) {
        return createOrFind(() -> client.createStandardProduct(draft),
                () -> client.findStandardProduct(draft.catalogueRef(), draft.ref()));
    }

    private CompletableFuture<Outcome> createOrFind(Supplier<CompletableFuture<? extends FluentEntity>> create,
                                                    Supplier<CompletableFuture<? extends Optional<? extends FluentEntity>>> find) {
        return create.get()
                .<Outcome>thenApply(created -> Succeeded.of(Detail.CREATED, created))
                .exceptionallyCompose(failure -> {
                    Throwable cause = FluentException.causeOf(failure);
                    if (!(cause instanceof FluentRejectedException rejected) || !isDuplicate(rejected)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    return find.get().thenApply(existing -> existing
                            .<Outcome>map(entity -> Succeeded.of(Detail.ALREADY_EXISTS, entity))
                            .orElseThrow(() -> rejected));
                });
    }

    private boolean isDuplicate(FluentRejectedException rejected) {
        return rejected.anyMatches(configuration.duplicateErrorCodes(), duplicateMessage);
    }
}
