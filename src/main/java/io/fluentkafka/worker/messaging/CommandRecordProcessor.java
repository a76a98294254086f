package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.CommandHandler;
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.Abandonment;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome;
import io.fluentkafka.worker.messaging.ReplyRoutes.Route;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Takes one command record to its end: decode, check where its reply may go, handle, then publish the reply, and
 * the dead letter when the command failed or could not be read ({@link OutcomePublisher}). The returned future
 * completes when Kafka has acknowledged everything published.
 *
 * <p>Every failure on the way ends the record, a bug included: a reply header the worker must not follow ends the
 * command FAILED (CONFIGURATION) before Fluent is called; an exception while handling or building the reply ends it
 * FAILED (INTERNAL) plus a dead letter; one while reading it, or anything else unforeseen, a dead letter. The future
 * fails only when the command is abandoned (see {@link Abandonment}); the record must then be processed again elsewhere.
 */
@Singleton
public final class CommandRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRecordProcessor.class);

    private final CommandDecoder decoder;
    private final CommandHandler handler;
    private final ReplyMapper replyMapper;
    private final OutcomePublisher outcomes;
    private final Executor publishing;

    CommandRecordProcessor(CommandDecoder decoder, CommandHandler handler, ReplyMapper replyMapper, OutcomePublisher outcomes,
                           @Named(TaskExecutors.BLOCKING) Executor publishing) {
        this.decoder = decoder;
        this.handler = handler;
        this.replyMapper = replyMapper;
        this.outcomes = outcomes;
        this.publishing = publishing;
    }

    /** {@code operation} is the one of the record's topic ({@link CommandTopics}). */
    public CompletableFuture<Void> process(ConsumerRecord<byte[], byte[]> record, Operation<?> operation, Abandonment abandonment) {
        CompletableFuture<Void> done;
        try {
            done = CommandLogContext.call(record, null, () -> decodeAndHandle(record, operation, abandonment));
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        return done.exceptionallyCompose(failure -> abandonment.abandoned()
                ? CompletableFuture.failedFuture(failure)
                : CommandLogContext.call(record, null,
                        () -> outcomes.lastResort(record, operation.constant(), FluentException.causeOf(failure), abandonment)));
    }

    private CompletableFuture<Void> decodeAndHandle(ConsumerRecord<byte[], byte[]> record, Operation<?> operation, Abandonment abandonment) {
        long started = System.nanoTime();
        Command<?> command;
        try {
            command = CommandMapper.toCommand(operation, decoder.decode(operation.kind(), record.value()));
            CommandLogContext.identify(command.metadata());
        } catch (UndecodableRecordException e) {
            LOG.warn("{} dead-lettered: {}", where(record), e.getMessage());
            return undecodable(record, operation, new DeadLetter("UNDECODABLE", e.getMessage(), causeName(e), "decode", null, 0), abandonment);
        } catch (RuntimeException e) {
            LOG.error("{} cannot be read as a {} command; dead-lettered", where(record), operation.kind(), e);
            return undecodable(record, operation, new DeadLetter(Outcome.Category.INTERNAL.name(), "cannot read the command ("
                    + e.getClass().getName() + "); see the worker's log", e.getClass().getName(), "decode", null, 0), abandonment);
        }
        Route route = outcomes.route(record);
        CompletableFuture<Handled> handled = route instanceof Route.Refused refused
                ? CompletableFuture.completedFuture(new Handled(new Outcome.Failed(Outcome.Category.CONFIGURATION, refused.why(), List.of(), null), 0))
                : handle(record, command, abandonment);
        // Publishing may block (producer buffer full, topic metadata); keep it off the HTTP client's event loop.
        return handled.thenComposeAsync(done -> CommandLogContext.call(record, command.metadata(),
                () -> answer(record, command, route, done, started, abandonment)), publishing);
    }

    /** Publishing may block: not on the thread that starts commands. */
    private CompletableFuture<Void> undecodable(ConsumerRecord<byte[], byte[]> record, Operation<?> operation, DeadLetter reason,
                                                Abandonment abandonment) {
        return CompletableFuture.supplyAsync(() -> outcomes.undecodable(record, operation.constant(), reason, abandonment), publishing)
                .thenCompose(deadLettered -> deadLettered);
    }

    /** The handler's outcome; a bug in handling becomes an INTERNAL failure, an abandoned command a cancellation. */
    private CompletableFuture<Handled> handle(ConsumerRecord<byte[], byte[]> record, Command<?> command, Abandonment abandonment) {
        CompletableFuture<Handled> handled;
        try {
            handled = handler.handle(command, abandonment);
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        return handled.exceptionallyCompose(failure -> {
            Throwable cause = FluentException.causeOf(failure);
            if (cause instanceof CancellationException && abandonment.abandoned()) {
                return CompletableFuture.failedFuture(cause);
            }
            CommandLogContext.run(record, command.metadata(),
                    () -> LOG.error("command {} {} failed unexpectedly", command.metadata().commandId(), command.type(), cause));
            return CompletableFuture.completedFuture(new Handled(internal("handling the command failed unexpectedly", cause), 0));
        });
    }

    private CompletableFuture<Void> answer(ConsumerRecord<byte[], byte[]> record, Command<?> command, Route route, Handled handled,
                                           long started, Abandonment abandonment) {
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Reply reply;
        Outcome outcome = handled.outcome();
        String stage = stage(outcome, route);
        try {
            reply = replyMapper.toReply(command, handled, durationMs);
        } catch (RuntimeException e) {
            LOG.error("{} command {}: cannot build its reply", where(record), command.metadata().commandId(), e);
            outcome = internal("cannot build the reply", e);
            stage = "reply";
            reply = ReplyMapper.internalFailure(command, ((Outcome.Failed) outcome).message(), handled.attempts(), durationMs);
        }
        DeadLetter deadLetter = null;
        if (outcome instanceof Outcome.Failed failed) {
            LOG.warn("{} command {} {} failed ({}): {}", where(record), command.metadata().commandId(), command.type(), failed.category(), failed.message());
            deadLetter = new DeadLetter(failed.category().name(), failed.message(), failed.cause(), stage,
                    command.metadata().commandId(), handled.attempts());
        } else {
            LOG.debug("{} command {} {} succeeded after {} attempt(s)", where(record), command.metadata().commandId(), command.type(), handled.attempts());
        }
        return outcomes.answer(record, command.type(), route, reply, deadLetter, abandonment);
    }

    /** Refused before Fluent (its fields, or where its reply may go): {@code validate}; otherwise {@code fluent}. */
    private static String stage(Outcome outcome, Route route) {
        boolean refusedBefore = route instanceof Route.Refused
                || outcome instanceof Outcome.Failed failed && failed.category() == Outcome.Category.VALIDATION;
        return refusedBefore ? "validate" : "fluent";
    }

    /** Only the exception's class goes into the reply and dead letter: its text was never vetted. The log has the rest. */
    private static Outcome.Failed internal(String what, Throwable cause) {
        return new Outcome.Failed(Outcome.Category.INTERNAL, what + " (" + cause.getClass().getName() + "); see the worker's log",
                List.of(), cause.getClass().getName());
    }

    private static String causeName(UndecodableRecordException e) {
        return e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName();
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
