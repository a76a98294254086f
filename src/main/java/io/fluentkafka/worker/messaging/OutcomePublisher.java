package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.command.Abandonment;
import io.fluentkafka.worker.command.Outcome.Category;
import io.fluentkafka.worker.config.ReplyTopicsConfiguration;
import io.fluentkafka.worker.messaging.PublishRetries.Mode;
import io.fluentkafka.worker.messaging.ReplyRoutes.Route;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes how a command ended: its reply, then its dead letter when it failed. The future completes when Kafka
 * has acknowledged both. Each way a reply can fail for good leads to a smaller or safer ending, at most three
 * steps long:
 * <ol>
 *   <li>the reply, to the topic {@link ReplyRoutes} chose;</li>
 *   <li>too large: the smallest FAILED reply (CONFIGURATION, no result), to the same topic, plus the dead letter;</li>
 *   <li>a header-named topic that refuses it for good or for longer than {@code worker.reply-topics.max-wait}: a
 *       FAILED reply (CONFIGURATION, saying which topic, why, and what the command did) on the configured reply
 *       topic, plus the dead letter;</li>
 *   <li>the configured reply topic refusing it for good: the dead letter alone, saying so.</li>
 * </ol>
 * Otherwise a publish is retried (see {@link PublishRetries}). The future fails only when the command was
 * abandoned.
 */
@Singleton
final class OutcomePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomePublisher.class);

    private final ReplyRoutes routes;
    private final ReplyPublisher replies;
    private final DeadLetterPublisher deadLetters;
    private final PublishRetries retries;
    private final ReplyTopicsConfiguration replyTopics;
    private final WorkerMetrics metrics;

    OutcomePublisher(ReplyRoutes routes, ReplyPublisher replies, DeadLetterPublisher deadLetters, PublishRetries retries,
                     ReplyTopicsConfiguration replyTopics, WorkerMetrics metrics) {
        this.routes = routes;
        this.replies = replies;
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.replyTopics = replyTopics;
        this.metrics = metrics;
    }

    /** Where the command's reply may go; a refusal is decided before the command is performed. */
    Route route(ConsumerRecord<?, ?> record) {
        try {
            return routes.route(record);
        } catch (RuntimeException e) {
            return new Route.Refused("cannot read the kafka_replyTopic header (" + e.getClass().getName() + ")");
        }
    }

    /** A record that could not be read as a command: a dead letter, no reply (there is nobody to address it to). */
    CompletableFuture<Void> undecodable(ConsumerRecord<byte[], byte[]> record, String type, DeadLetter reason, Abandonment abandonment) {
        return deadLetter(record, reason, abandonment).thenRun(() -> {
            metrics.commandFinished(type, "UNDECODABLE");
            metrics.deadLettered(type, reason.category());
        });
    }

    /**
     * {@code route}: from {@link #route}; a refused one means the reply is already the refusal, for the configured
     * reply topic. {@code deadLetter}: why the command failed, or null when it succeeded.
     */
    CompletableFuture<Void> answer(ConsumerRecord<byte[], byte[]> record, String type, Route route, Reply reply, DeadLetter deadLetter,
                                   Abandonment abandonment) {
        Route.To to = route instanceof Route.To chosen ? chosen : routes.configured();
        return deliver(record, new Ending(reply, deadLetter, false), to, abandonment)
                .thenCompose(ending -> ending.deadLetter() == null ? CompletableFuture.completedFuture(ending)
                        : deadLetter(record, ending.deadLetter(), abandonment).thenApply(acknowledged -> ending))
                .thenAccept(ending -> {
                    boolean succeeded = ending.reply() != null && ending.reply().getStatus() == ReplyStatus.SUCCEEDED;
                    metrics.commandFinished(type, succeeded ? "SUCCEEDED" : "FAILED");
                    if (ending.deadLetter() != null) {
                        metrics.deadLettered(type, ending.deadLetter().category());
                    }
                });
    }

    /**
     * The last resort, for a failure on the way that nothing above caught (a bug): a dead letter, so that the record
     * ends and its partition moves on.
     */
    CompletableFuture<Void> lastResort(ConsumerRecord<byte[], byte[]> record, String type, Throwable failure, Abandonment abandonment) {
        LOG.error("{} failed unexpectedly on its way; dead-lettering it", CommandRecordProcessor.where(record), failure);
        DeadLetter reason = new DeadLetter(Category.INTERNAL.name(), "the worker failed unexpectedly while finishing this record ("
                + failure.getClass().getName() + "); see its log", failure.getClass().getName(), "reply", null, 0);
        return undecodable(record, type, reason, abandonment);
    }

    /** What goes out: the reply (null if none can be published), the dead letter (null if none), and whether the reply is already the smallest. */
    private record Ending(Reply reply, DeadLetter deadLetter, boolean smallest) {
    }

    private CompletableFuture<Ending> deliver(ConsumerRecord<byte[], byte[]> record, Ending ending, Route.To to, Abandonment abandonment) {
        return retries.untilAcknowledged(() -> replies.publish(record, ending.reply(), to.topic(), !ending.smallest()), to.topic(), record,
                        abandonment, Mode.REPLY, to.fromHeader() ? replyTopics.maxWait() : null)
                .thenApply(acknowledged -> ending)
                .exceptionallyCompose(failure -> {
                    Throwable cause = FluentException.causeOf(failure);
                    if (!(cause instanceof UnpublishableException || cause instanceof RecordTooLargeException)) {
                        return CompletableFuture.failedFuture(cause); // abandoned
                    }
                    if (cause instanceof RecordTooLargeException && !ending.smallest()) {
                        return deliver(record, smallest(ending, "its reply is too large for " + to.topic() + " (" + cause.getMessage()
                                + "); raise max.message.bytes there and the worker's kafka.producers.fluent-kafka-worker.max.request.size", cause), to, abandonment);
                    }
                    if (to.fromHeader()) {
                        String why = cause.getMessage();
                        routes.refused(to.topic(), why);
                        CommandLogContext.run(record, null, () -> {
                            LOG.warn("{} command {}: {}; replying FAILED on the configured reply topic", CommandRecordProcessor.where(record),
                                    ending.reply().getCommandId(), why);
                        });
                        return deliver(record, smallest(ending, "its reply cannot go to the kafka_replyTopic header's topic: " + why, cause),
                                routes.configured(), abandonment);
                    }
                    CommandLogContext.run(record, null, () -> {
                        LOG.error("{} the reply topic {} refuses the reply for good ({}); dead-lettering the command without a reply",
                                CommandRecordProcessor.where(record), to.topic(), cause.getMessage());
                    });
                    return CompletableFuture.completedFuture(new Ending(null,
                            configurationDeadLetter(ending, "no reply could be published to " + to.topic() + ": " + cause.getMessage(), cause), true));
                });
    }

    /** The smallest FAILED (CONFIGURATION) reply saying why, and what the command itself came to; the dead letter with it. */
    private static Ending smallest(Ending ending, String why, Throwable cause) {
        Reply original = ending.reply();
        String message = "the command " + (original.getStatus() == ReplyStatus.SUCCEEDED
                ? "was performed (" + original.getDetail() + "), but "
                : "failed (" + original.getError().getCategory() + ": " + ReplyMapper.capped(original.getError().getMessage(), 500) + "), and ") + why;
        return new Ending(ReplyMapper.smallestFailure(original, Category.CONFIGURATION, message),
                configurationDeadLetter(ending, message, cause), true);
    }

    /** A CONFIGURATION dead letter at stage {@code reply}; if the command had failed already, that is kept in the message. */
    private static DeadLetter configurationDeadLetter(Ending ending, String why, Throwable cause) {
        DeadLetter earlier = ending.deadLetter();
        String message = earlier == null ? why : why + " (the command's own failure: " + earlier.category() + ": " + earlier.message() + ")";
        return new DeadLetter(Category.CONFIGURATION.name(), message, cause == null ? null : cause.getClass().getName(), "reply",
                ending.reply().getCommandId(), ending.reply().getAttempts());
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetter reason, Abandonment abandonment) {
        String topic = deadLetters.topicFor(record);
        return retries.untilAcknowledged(() -> deadLetters.publish(record, reason), topic, record, abandonment, Mode.DEAD_LETTER, null);
    }
}
