package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.CommandHandler;
import io.fluentkafka.worker.command.CommandType;
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.InFlight;
import io.fluentkafka.worker.command.Outcome;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Takes one command record to its end: decode, handle, then publish the reply, and the dead letter when the
 * command failed or could not be read. The returned future completes when Kafka has acknowledged everything
 * published. A publish that fails (reply topic missing or not writable, broker away) is retried with back-off,
 * without handling the command again, until it succeeds; the command keeps its place in flight meanwhile, so that
 * while Kafka refuses replies no more commands are performed than {@code worker.max-in-flight}. Only when the
 * command is abandoned (see {@link InFlight}) does the future fail, with a {@link CancellationException}, and the
 * record must then be processed again elsewhere. A reply too large for Kafka becomes a FAILED reply without the
 * result plus a dead letter; a dead letter too large loses its value (see {@link DeadLetterPublisher}).
 */
@Singleton
public final class CommandRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRecordProcessor.class);
    private static final long FIRST_PUBLISH_RETRY_MS = 200;
    private static final long MAX_PUBLISH_RETRY_MS = 10_000;

    private final CommandDecoder decoder;
    private final CommandHandler handler;
    private final ReplyPublisher replies;
    private final DeadLetterPublisher deadLetters;
    private final Executor publishing;
    private final WorkerMetrics metrics;

    CommandRecordProcessor(CommandDecoder decoder, CommandHandler handler, ReplyPublisher replies, DeadLetterPublisher deadLetters,
                           @Named(TaskExecutors.BLOCKING) Executor publishing, WorkerMetrics metrics) {
        this.metrics = metrics;
        this.decoder = decoder;
        this.handler = handler;
        this.replies = replies;
        this.deadLetters = deadLetters;
        this.publishing = publishing;
    }

    public CompletableFuture<Void> process(ConsumerRecord<byte[], byte[]> record, CommandType type, InFlight inFlight) {
        long started = System.nanoTime();
        Command command;
        try {
            command = CommandMapper.toCommand(decoder.decode(type, record.value()));
        } catch (UndecodableRecordException e) {
            LOG.warn("{} dead-lettered: {}", where(record), e.getMessage());
            DeadLetter reason = new DeadLetter("UNDECODABLE", e.getMessage(), causeName(e), "decode", null, 0);
            return CompletableFuture.supplyAsync(() -> untilAcknowledged(() -> deadLetters.publish(record, reason), record, inFlight), publishing)
                    .thenCompose(acknowledged -> acknowledged)
                    .thenRun(() -> {
                        metrics.commandFinished(type.name(), "UNDECODABLE");
                        metrics.deadLettered(type.name(), "UNDECODABLE");
                    });
        }
        // Publishing may block (producer buffer full, topic metadata); keep it off the HTTP client's event loop.
        return handler.handle(command, inFlight).thenComposeAsync(handled -> publish(record, command, handled, started, inFlight), publishing);
    }

    private CompletableFuture<Void> publish(ConsumerRecord<byte[], byte[]> record, Command command, Handled handled, long started, InFlight inFlight) {
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Reply reply = ReplyMapper.toReply(command, handled, durationMs);
        CompletableFuture<Void> replied = untilAcknowledged(() -> replies.publish(record, reply), record, inFlight)
                .exceptionallyCompose(failure -> failure instanceof RecordTooLargeException tooLarge
                        ? replyTooLarge(record, command, handled, reply, tooLarge, inFlight)
                        : CompletableFuture.failedFuture(failure));
        if (!(handled.outcome() instanceof Outcome.Failed failed)) {
            LOG.debug("{} command {} {} succeeded after {} attempt(s)", where(record), command.metadata().commandId(), command.type(), handled.attempts());
            return replied.thenRun(() -> metrics.commandFinished(command.type().name(), "SUCCEEDED"));
        }
        LOG.warn("{} command {} {} failed ({}): {}", where(record), command.metadata().commandId(), command.type(), failed.category(), failed.message());
        DeadLetter reason = new DeadLetter(failed.category().name(), failed.message(), failed.cause(),
                failed.category() == Outcome.Category.VALIDATION ? "validate" : "fluent", command.metadata().commandId(), handled.attempts());
        return CompletableFuture.allOf(replied, untilAcknowledged(() -> deadLetters.publish(record, reason), record, inFlight))
                .thenRun(() -> {
                    metrics.commandFinished(command.type().name(), "FAILED");
                    metrics.deadLettered(command.type().name(), failed.category().name());
                });
    }

    /** Kafka refused the reply as too large: a FAILED reply without the result instead, and a dead letter. */
    private CompletableFuture<Void> replyTooLarge(ConsumerRecord<byte[], byte[]> record, Command command, Handled handled, Reply refused,
                                                  RecordTooLargeException tooLarge, InFlight inFlight) {
        LOG.warn("{} command {} {}: reply too large for the reply topic ({}); replying FAILED without the result",
                where(record), command.metadata().commandId(), command.type(), tooLarge.getMessage());
        Reply replacement = ReplyMapper.tooLarge(refused, tooLarge.getMessage());
        DeadLetter reason = new DeadLetter(Outcome.Category.CONFIGURATION.name(), replacement.getError().getMessage(),
                tooLarge.getClass().getName(), "reply", command.metadata().commandId(), handled.attempts());
        return CompletableFuture.allOf(untilAcknowledged(() -> replies.publish(record, replacement), record, inFlight),
                untilAcknowledged(() -> deadLetters.publish(record, reason), record, inFlight));
    }

    /**
     * Publishes until Kafka acknowledges, waiting longer after each failure, or until the record is abandoned. A
     * record too large for Kafka fails at once with {@link RecordTooLargeException}: trying again cannot help.
     */
    private CompletableFuture<Void> untilAcknowledged(Supplier<CompletableFuture<?>> publish, ConsumerRecord<?, ?> record, InFlight inFlight) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        attemptPublish(publish, record, inFlight, FIRST_PUBLISH_RETRY_MS, acknowledged);
        return acknowledged;
    }

    private void attemptPublish(Supplier<CompletableFuture<?>> publish, ConsumerRecord<?, ?> record, InFlight inFlight,
                                long nextDelayMs, CompletableFuture<Void> acknowledged) {
        if (inFlight.abandoned()) {
            acknowledged.completeExceptionally(new CancellationException(where(record) + " abandoned before its reply was acknowledged"));
            return;
        }
        CompletableFuture<?> sent;
        try {
            sent = publish.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((metadata, failure) -> {
            if (failure == null) {
                acknowledged.complete(null);
                return;
            }
            if (failure instanceof RecordTooLargeException) {
                acknowledged.completeExceptionally(failure);
                return;
            }
            LOG.warn("{} reply or dead letter not acknowledged ({}); publishing again in {} ms, offset not committed meanwhile",
                    where(record), failure.getMessage(), nextDelayMs);
            metrics.publishRetried();
            CompletableFuture.delayedExecutor(nextDelayMs, TimeUnit.MILLISECONDS, publishing).execute(() ->
                    attemptPublish(publish, record, inFlight, Math.min(nextDelayMs * 2, MAX_PUBLISH_RETRY_MS), acknowledged));
        });
    }

    private static String causeName(UndecodableRecordException e) {
        return e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName();
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
