package io.fluentkafka.worker.command;

import io.fluentkafka.worker.command.Outcome.Category;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Failed;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentConnections;
import io.fluentkafka.worker.fluent.FluentEntity;
import io.fluentkafka.worker.fluent.FluentException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Handles one command: validates it, performs it against its Fluent connection with bounded retries, and turns
 * whatever happened into an {@link Outcome}. Holds no per-command state, so any number of commands may be in
 * flight at once.
 */
@Singleton
public final class CommandHandler {

    private final FluentConnections connections;
    private final CommandValidator validator;
    private final Retrier retrier;
    private final Creations creations;

    CommandHandler(FluentConnections connections, CommandValidator validator, Retrier retrier, Creations creations) {
        this.connections = connections;
        this.validator = validator;
        this.retrier = retrier;
        this.creations = creations;
    }

    /** Fails only with {@link CancellationException}, when the command was abandoned while it waited. */
    public CompletableFuture<Handled> handle(Command command, InFlight inFlight) {
        List<Violation> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            return CompletableFuture.completedFuture(new Handled(Failed.of(Category.VALIDATION, message, null), 0));
        }
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Outcome> outcome;
        try {
            FluentClient client = connections.client(command.metadata().connection());
            outcome = retrier.run(() -> perform(command, client), client.availability(), attempts, inFlight);
        } catch (FluentException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((done, failure) -> {
            if (FluentException.causeOf(failure) instanceof CancellationException abandoned) {
                throw abandoned;
            }
            return new Handled(done != null ? done : Failures.toFailed(failure, attempts.get()), attempts.get());
        });
    }

    private CompletableFuture<Outcome> perform(Command command, FluentClient client) {
        if (command instanceof Command.CreateCustomer c) {
            return creations.customer(client, c.customer());
        }
        if (command instanceof Command.CreateProduct c) {
            return creations.product(client, c.product());
        }
        if (command instanceof Command.GraphQlRequest c) {
            return client.execute(c.query(), validator.parseObject(c.variables() == null || c.variables().isBlank() ? "{}" : c.variables()), c.operationName())
                    .thenApply(response -> response.partial()
                            ? new Succeeded(Detail.PARTIAL, response, response.errors())
                            : Succeeded.of(Detail.EXECUTED, response));
        }
        if (command instanceof Command.GetCurrentUser) {
            return client.currentUser().thenApply(user -> Succeeded.of(Detail.FOUND, user));
        }
        if (command instanceof Command.GetCustomerByEmail c) {
            return client.findCustomerByEmail(c.primaryEmail()).thenApply(CommandHandler::foundOrNot);
        }
        throw new IllegalStateException("no handling for " + command.type());
    }

    private static Outcome foundOrNot(Optional<? extends FluentEntity> entity) {
        return entity.<Outcome>map(e -> Succeeded.of(Detail.FOUND, e)).orElseGet(() -> Succeeded.of(Detail.NOT_FOUND, null));
    }
}
