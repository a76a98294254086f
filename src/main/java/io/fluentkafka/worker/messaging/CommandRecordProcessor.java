package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.Command;
import io.fluentkafka.worker.command.CommandHandler;
import io.fluentkafka.worker.command.CommandType;
import io.fluentkafka.worker.command.Handled;
import io.fluentkafka.worker.command.Outcome;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Takes one command record to its end: decode, handle, then publish the reply, and the dead letter when the
 * command failed or could not be read. The returned future completes when everything published is
 * acknowledged by Kafka, and fails only when publishing failed (the record must then be processed again).
 */
@Singleton
final class CommandRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRecordProcessor.class);

    private final CommandDecoder decoder;
    private final CommandHandler handler;
    private final ReplyPublisher replies;
    private final DeadLetterPublisher deadLetters;
    private final Executor publishing;

    CommandRecordProcessor(CommandDecoder decoder, CommandHandler handler, ReplyPublisher replies,
                           DeadLetterPublisher deadLetters, @Named(TaskExecutors.BLOCKING) Executor publishing) {
        this.decoder = decoder;
        this.handler = handler;
        this.replies = replies;
        this.deadLetters = deadLetters;
        this.publishing = publishing;
    }

    CompletableFuture<Void> process(ConsumerRecord<byte[], byte[]> record, CommandType type) {
        long started = System.nanoTime();
        Command command;
        try {
            command = CommandMapper.toCommand(decoder.decode(type, record.value()));
        } catch (UndecodableRecordException e) {
            LOG.warn("{} dead-lettered: {}", where(record), e.getMessage());
            return deadLetters.publish(record, new DeadLetter("UNDECODABLE", e.getMessage(), causeName(e), "decode", null, 0))
                    .thenAccept(acknowledged -> { });
        }
        // Publishing may block (producer buffer full, topic metadata); keep it off the HTTP client's event loop.
        return handler.handle(command).thenComposeAsync(handled -> publish(record, command, handled, started), publishing);
    }

    private CompletableFuture<Void> publish(ConsumerRecord<byte[], byte[]> record, Command command, Handled handled, long started) {
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        CompletableFuture<?> reply = replies.publish(record, ReplyMapper.toReply(command, handled, durationMs));
        if (!(handled.outcome() instanceof Outcome.Failed failed)) {
            LOG.debug("{} command {} {} succeeded after {} attempt(s)", where(record), command.metadata().commandId(), command.type(), handled.attempts());
            return reply.thenAccept(acknowledged -> { });
        }
        LOG.warn("{} command {} {} failed ({}): {}", where(record), command.metadata().commandId(), command.type(), failed.category(), failed.message());
        DeadLetter reason = new DeadLetter(failed.category().name(), failed.message(), failed.cause(),
                failed.category() == Outcome.Category.VALIDATION ? "validate" : "fluent", command.metadata().commandId(), handled.attempts());
        return CompletableFuture.allOf(reply, deadLetters.publish(record, reason));
    }

    private static String causeName(UndecodableRecordException e) {
        return e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName();
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
