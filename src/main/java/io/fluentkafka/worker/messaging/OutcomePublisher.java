package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.avro.ReplyStatus;
import io.fluentkafka.worker.command.InFlight;
import io.fluentkafka.worker.command.Outcome.Category;
import io.fluentkafka.worker.config.ReplyTopicsConfiguration;
import io.fluentkafka.worker.config.TopicsConfiguration;
import io.fluentkafka.worker.messaging.ReplyRoutes.Route;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Publishes how a command ended: its reply, and its dead letter when it failed. The future completes when Kafka
 * has acknowledged both; every path ends there:
 * <ul>
 *   <li>a {@code kafka_replyTopic} header the worker must not follow ({@link ReplyRoutes}), or a header-named topic
 *       that refuses the reply for good or for longer than {@code worker.reply-topics.max-wait}: a FAILED reply
 *       (CONFIGURATION, saying which topic and why) on the configured reply topic, plus the dead letter;</li>
 *   <li>a reply too large for its topic: a FAILED reply without the result, plus the dead letter;</li>
 *   <li>the configured reply topic refusing the reply for good: the dead letter alone, saying so.</li>
 * </ul>
 * Otherwise a publish is retried (see {@link PublishRetries}). The future fails only with a cancellation, when the
 * command was abandoned.
 */
@Singleton
final class OutcomePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomePublisher.class);

    private final ReplyRoutes routes;
    private final ReplyPublisher replies;
    private final DeadLetterPublisher deadLetters;
    private final PublishRetries retries;
    private final Route.To defaultRoute;
    private final ReplyTopicsConfiguration replyTopics;
    private final WorkerMetrics metrics;

    OutcomePublisher(ReplyRoutes routes, ReplyPublisher replies, DeadLetterPublisher deadLetters, PublishRetries retries,
                     TopicsConfiguration topics, ReplyTopicsConfiguration replyTopics, WorkerMetrics metrics) {
        this.routes = routes;
        this.replies = replies;
        this.deadLetters = deadLetters;
        this.retries = retries;
        this.defaultRoute = new Route.To(topics.replies(), false);
        this.replyTopics = replyTopics;
        this.metrics = metrics;
    }

    /** A record that could not be read as a command: a dead letter, no reply (there is nobody to address it to). */
    CompletableFuture<Void> undecodable(ConsumerRecord<byte[], byte[]> record, String type, DeadLetter reason, InFlight inFlight) {
        return deadLetter(record, reason, inFlight).thenRun(() -> {
            metrics.commandFinished(type, "UNDECODABLE");
            metrics.deadLettered(type, reason.category());
        });
    }

    /** {@code deadLetter}: why the command failed, or null when it succeeded. */
    CompletableFuture<Void> answer(ConsumerRecord<byte[], byte[]> record, String type, Reply reply, DeadLetter deadLetter, InFlight inFlight) {
        Route route;
        try {
            route = routes.route(record);
        } catch (RuntimeException e) {
            route = new Route.Refused("cannot read the kafka_replyTopic header: " + e);
        }
        return deliver(record, new Ending(reply, deadLetter), route, inFlight)
                .thenCompose(ending -> ending.deadLetter() == null ? CompletableFuture.completedFuture(ending)
                        : deadLetter(record, ending.deadLetter(), inFlight).thenApply(acknowledged -> ending))
                .thenAccept(ending -> {
                    boolean succeeded = ending.reply() != null && ending.reply().getStatus() == ReplyStatus.SUCCEEDED;
                    metrics.commandFinished(type, succeeded ? "SUCCEEDED" : "FAILED");
                    if (ending.deadLetter() != null) {
                        metrics.deadLettered(type, ending.deadLetter().category());
                    }
                });
    }

    /** What went out in the end: the reply (null if none could be published) and the dead letter (null if none). */
    private record Ending(Reply reply, DeadLetter deadLetter) {
    }

    /** Publishes the reply along {@code route}; each way it can fail for good leads to a smaller or safer ending. */
    private CompletableFuture<Ending> deliver(ConsumerRecord<byte[], byte[]> record, Ending ending, Route route, InFlight inFlight) {
        if (route instanceof Route.Refused refused) {
            return deliver(record, failedInstead(record, ending, refused.why(), null), defaultRoute, inFlight);
        }
        Route.To to = (Route.To) route;
        return retries.untilAcknowledged(() -> replies.publish(record, ending.reply(), to.topic()), to.topic(), record, inFlight,
                        to.fromHeader() ? replyTopics.maxWait() : null, true)
                .thenApply(acknowledged -> ending)
                .exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    boolean alreadyReplaced = ending.reply().getResult() == null && ending.reply().getStatus() == ReplyStatus.FAILED;
                    if (cause instanceof RecordTooLargeException && !alreadyReplaced) {
                        Reply smaller = ReplyMapper.tooLarge(ending.reply(), cause.getMessage());
                        return deliver(record, new Ending(smaller, configurationDeadLetter(ending, smaller.getError().getMessage(), cause)), to, inFlight);
                    }
                    if ((cause instanceof UnpublishableException || cause instanceof RecordTooLargeException) && to.fromHeader()) {
                        return deliver(record, failedInstead(record, ending, cause.getMessage(), cause), defaultRoute, inFlight);
                    }
                    if (cause instanceof UnpublishableException || cause instanceof RecordTooLargeException) {
                        LOG.error("{} the reply topic {} refuses the reply for good ({}); dead-lettering the command without a reply",
                                CommandRecordProcessor.where(record), to.topic(), cause.getMessage());
                        String why = "no reply could be published: " + cause.getMessage();
                        return CompletableFuture.completedFuture(new Ending(null, configurationDeadLetter(ending, why, cause)));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    /** The reply FAILED (CONFIGURATION) instead, saying why, and the dead letter to go with it. */
    private static Ending failedInstead(ConsumerRecord<?, ?> record, Ending ending, String why, Throwable cause) {
        LOG.warn("{} command {}: {}; replying FAILED on the configured reply topic", CommandRecordProcessor.where(record),
                ending.reply().getCommandId(), why);
        Reply failed = ReplyMapper.failedInstead(ending.reply(), Category.CONFIGURATION, why);
        return new Ending(failed, configurationDeadLetter(ending, why, cause));
    }

    /** A CONFIGURATION dead letter at stage {@code reply}; if the command had failed already, that is kept in the message. */
    private static DeadLetter configurationDeadLetter(Ending ending, String why, Throwable cause) {
        DeadLetter earlier = ending.deadLetter();
        String message = earlier == null ? why : why + " (the command had failed: " + earlier.category() + ": " + earlier.message() + ")";
        return new DeadLetter(Category.CONFIGURATION.name(), message, cause == null ? null : cause.getClass().getName(), "reply",
                ending.reply().getCommandId(), ending.reply().getAttempts());
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetter reason, InFlight inFlight) {
        String topic = deadLetters.topicFor(record);
        return retries.untilAcknowledged(() -> deadLetters.publish(record, reason), topic, record, inFlight, null, false);
    }
}
