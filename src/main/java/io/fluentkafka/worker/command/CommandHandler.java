package io.fluentkafka.worker.command;

import io.fluentkafka.worker.command.Outcome.Category;
import io.fluentkafka.worker.command.Outcome.Failed;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentConnections;
import io.fluentkafka.worker.fluent.FluentException;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Handles one command: checks its metadata and its operation's fields, performs the operation against its Fluent
 * connection, each step under the retry policy, and turns whatever happened into an {@link Outcome}. Holds no
 * per-command state, so any number of commands may be in flight at once.
 */
@Singleton
public final class CommandHandler {

    private static final int ID_MAX = 255;

    private final FluentConnections connections;
    private final Retrier retrier;
    private final OperationDocuments documents;

    CommandHandler(FluentConnections connections, Retrier retrier, OperationDocuments documents) {
        this.connections = connections;
        this.retrier = retrier;
        this.documents = documents;
    }

    /** Fails only with {@link CancellationException}, when the command was abandoned while it waited. */
    public <C extends SpecificRecord> CompletableFuture<Handled> handle(Command<C> command, Abandonment abandonment) {
        List<Violation> violations = validate(command);
        if (!violations.isEmpty()) {
            String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            return CompletableFuture.completedFuture(new Handled(Failed.of(Category.VALIDATION, message, null), 0));
        }
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Outcome.Succeeded> outcome;
        try {
            FluentClient client = connections.client(command.metadata().connection());
            outcome = command.operation().perform(command.fields(), new RetriedExecution(client, retrier, documents, attempts, abandonment));
        } catch (FluentException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.handle((done, failure) -> {
            if (FluentException.causeOf(failure) instanceof CancellationException abandoned) {
                throw abandoned;
            }
            Outcome ended = done != null ? done : Failures.toFailed(failure, attempts.get());
            return new Handled(ended, attempts.get());
        });
    }

    private static <C extends SpecificRecord> List<Violation> validate(Command<C> command) {
        Checks checks = new Checks();
        checks.required("commandId", command.metadata().commandId(), ID_MAX);
        checks.optional("correlationId", command.metadata().correlationId(), ID_MAX);
        checks.optional("connection", command.metadata().connection(), ID_MAX);
        command.operation().validate(command.fields(), checks);
        return checks.violations();
    }

    /** One command's execution: every step shares its connection and its count of attempts. */
    private record RetriedExecution(FluentClient fluent, Retrier retrier, OperationDocuments documents, AtomicInteger attempts,
                                    Abandonment abandonment) implements Execution {
        @Override
        public <T> CompletableFuture<T> step(Supplier<CompletableFuture<T>> call) {
            return retrier.run(call, fluent.availability(), attempts, abandonment);
        }

        @Override
        public Document document(String kind, String field) {
            return documents.document(kind, field);
        }

        @Override
        public boolean abandoned() {
            return abandonment.abandoned();
        }

        @Override
        public CompletionStage<Void> waitingOver() {
            return abandonment.waitingOver();
        }
    }
}
