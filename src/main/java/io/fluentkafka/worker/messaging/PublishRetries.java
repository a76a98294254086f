package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.InFlight;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes a reply or dead letter until Kafka acknowledges it, waiting longer after each failure (200 ms doubling
 * to 10 s). The result fails, and publishing stops, only when:
 * <ul>
 *   <li>the record is too large ({@link RecordTooLargeException}): the caller publishes a smaller one instead;</li>
 *   <li>no retry can help (an invalid topic, no authorisation, a value Kafka cannot take) and the caller has
 *       somewhere else to go ({@code endWhenRefused}), or a bounded wait ({@code maxWait}) has passed:
 *       {@link UnpublishableException}, saying which topic and why;</li>
 *   <li>the command was abandoned (its partition went elsewhere, or the worker is stopping):
 *       {@link CancellationException}.</li>
 * </ul>
 * A dead letter has nowhere else to go, so it is published until acknowledged: if its topic refuses it for good
 * (no authorisation), the worker logs an error at every attempt and holds the offset rather than lose the record.
 */
@Singleton
final class PublishRetries {

    private static final Logger LOG = LoggerFactory.getLogger(PublishRetries.class);
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 10_000;

    private final Executor publishing;
    private final Scheduler scheduler;
    private final WorkerMetrics metrics;

    PublishRetries(@Named(TaskExecutors.BLOCKING) Executor publishing, Scheduler scheduler, WorkerMetrics metrics) {
        this.publishing = publishing;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    /** {@code maxWait}: null for no bound. {@code endWhenRefused}: fail when no retry can help, rather than go on. */
    CompletableFuture<Void> untilAcknowledged(Supplier<CompletableFuture<?>> publish, String topic, ConsumerRecord<?, ?> record,
                                              InFlight inFlight, Duration maxWait, boolean endWhenRefused) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        long giveUpAt = maxWait == null ? Long.MAX_VALUE : scheduler.nanoTime() + maxWait.toNanos();
        run(new Attempt(publish, topic, record, inFlight, maxWait, giveUpAt, endWhenRefused, acknowledged), FIRST_RETRY_MS);
        return acknowledged;
    }

    /** Kafka refuses these for good: sending the same record again cannot succeed. */
    static boolean retryCannotHelp(Throwable failure) {
        return failure instanceof InvalidTopicException || failure instanceof AuthorizationException
                || failure instanceof SerializationException || failure instanceof InvalidRecordException;
    }

    private record Attempt(Supplier<CompletableFuture<?>> publish, String topic, ConsumerRecord<?, ?> record, InFlight inFlight,
                           Duration maxWait, long giveUpAt, boolean endWhenRefused, CompletableFuture<Void> acknowledged) {
    }

    private void run(Attempt attempt, long nextDelayMs) {
        if (attempt.inFlight().abandoned()) {
            attempt.acknowledged().completeExceptionally(new CancellationException(
                    CommandRecordProcessor.where(attempt.record()) + " abandoned before its reply was acknowledged"));
            return;
        }
        CompletableFuture<?> sent;
        try {
            sent = attempt.publish().get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((metadata, error) -> {
            Throwable failure = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (failure == null) {
                attempt.acknowledged().complete(null);
            } else if (failure instanceof RecordTooLargeException) {
                attempt.acknowledged().completeExceptionally(failure);
            } else if (retryCannotHelp(failure) && attempt.endWhenRefused()) {
                attempt.acknowledged().completeExceptionally(new UnpublishableException(
                        "Kafka refused to write to '" + attempt.topic() + "': " + failure, failure));
            } else if (attempt.giveUpAt() - scheduler.nanoTime() <= TimeUnit.MILLISECONDS.toNanos(nextDelayMs)) {
                attempt.acknowledged().completeExceptionally(new UnpublishableException("'" + attempt.topic()
                        + "' did not acknowledge within " + attempt.maxWait().toSeconds() + " s: " + failure, failure));
            } else {
                if (retryCannotHelp(failure)) {
                    LOG.error("{} Kafka refuses to write to {} ({}); nothing else can take this record, so the offset is held: "
                            + "grant the worker write access", CommandRecordProcessor.where(attempt.record()), attempt.topic(), failure.toString());
                }
                LOG.warn("{} reply or dead letter to {} not acknowledged ({}); publishing again in {} ms, offset not committed meanwhile",
                        CommandRecordProcessor.where(attempt.record()), attempt.topic(), failure.toString(), nextDelayMs);
                metrics.publishRetried();
                // publishing may block (metadata, a full buffer): not on the scheduler's thread
                scheduler.after(Duration.ofMillis(nextDelayMs))
                        .thenRunAsync(() -> run(attempt, Math.min(nextDelayMs * 2, MAX_RETRY_MS)), publishing);
            }
        });
    }
}
