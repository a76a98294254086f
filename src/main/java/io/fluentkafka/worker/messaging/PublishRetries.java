package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.command.Abandonment;
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
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Publishes a reply or dead letter until Kafka acknowledges it, waiting longer after each failure (200 ms doubling
 * to 10 s). How it ends depends on what the caller has left:
 * <ul>
 *   <li>{@link Mode#REPLY}: a reply has smaller or other ways to go, so the result fails, and publishing stops, when
 *       the record is too large ({@link RecordTooLargeException}), when no retry can help (an invalid topic, no
 *       authorisation, a value Kafka cannot take) or when {@code maxWait} has passed: {@link UnpublishableException},
 *       saying which topic and why. A single attempt can outlast {@code maxWait} by the producer's
 *       {@code max.block.ms}.</li>
 *   <li>{@link Mode#DEAD_LETTER}: a dead letter has nowhere else to go, so it is published until acknowledged; if
 *       Kafka refuses it for good (no authorisation, too large even in its smallest form), every attempt logs an
 *       error and the offset is held rather than the record lost.</li>
 * </ul>
 * In both, the result fails with a {@link CancellationException} once the command is abandoned (its partition went
 * elsewhere, or the worker is stopping). Nothing else fails it, and it always completes.
 */
@Singleton
final class PublishRetries {

    private static final Logger LOG = LoggerFactory.getLogger(PublishRetries.class);
    private static final long FIRST_RETRY_MS = 200;
    private static final long MAX_RETRY_MS = 10_000;

    /** What the caller does when a record cannot be published. */
    enum Mode { REPLY, DEAD_LETTER }

    private final Executor publishing;
    private final Scheduler scheduler;
    private final WorkerMetrics metrics;

    PublishRetries(@Named(TaskExecutors.BLOCKING) Executor publishing, Scheduler scheduler, WorkerMetrics metrics) {
        this.publishing = publishing;
        this.scheduler = scheduler;
        this.metrics = metrics;
    }

    /** {@code maxWait}: null for no bound (dead letters, and replies to the configured reply topic). */
    CompletableFuture<Void> untilAcknowledged(Supplier<CompletableFuture<?>> publish, String topic, ConsumerRecord<?, ?> record,
                                              Abandonment abandonment, Mode mode, Duration maxWait) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        run(new Attempt(publish, topic, record, abandonment, mode, maxWait, scheduler.nanoTime(), acknowledged), FIRST_RETRY_MS);
        return acknowledged;
    }

    /** Kafka refuses these for good: sending the same record again cannot succeed. */
    static boolean retryCannotHelp(Throwable failure) {
        return failure instanceof InvalidTopicException || failure instanceof AuthorizationException
                || failure instanceof SerializationException || failure instanceof InvalidRecordException
                || failure instanceof RecordTooLargeException;
    }

    private record Attempt(Supplier<CompletableFuture<?>> publish, String topic, ConsumerRecord<?, ?> record, Abandonment abandonment,
                           Mode mode, Duration maxWait, long startedNanos, CompletableFuture<Void> acknowledged) {

        boolean outlasts(long delayMs, long nowNanos) {
            return maxWait != null && nowNanos - startedNanos + delayMs * 1_000_000 >= maxWait.toNanos();
        }
    }

    private void run(Attempt attempt, long nextDelayMs) {
        if (attempt.abandonment().abandoned()) {
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
            try {
                next(attempt, error == null ? null : FluentException.causeOf(error), nextDelayMs);
            } catch (RuntimeException e) { // a bug here must not leave the record unfinished
                attempt.acknowledged().completeExceptionally(new UnpublishableException("publishing to '" + attempt.topic()
                        + "' failed unexpectedly (" + e.getClass().getName() + ")", e));
            }
        });
    }

    private void next(Attempt attempt, Throwable failure, long nextDelayMs) {
        if (failure == null) {
            attempt.acknowledged().complete(null);
            return;
        }
        if (attempt.mode() == Mode.REPLY && retryCannotHelp(failure)) {
            attempt.acknowledged().completeExceptionally(failure instanceof RecordTooLargeException ? failure
                    : new UnpublishableException("Kafka refused to write to '" + attempt.topic() + "': " + failure, failure));
            return;
        }
        if (attempt.mode() == Mode.REPLY && attempt.outlasts(nextDelayMs, scheduler.nanoTime())) {
            attempt.acknowledged().completeExceptionally(new UnpublishableException("'" + attempt.topic()
                    + "' did not acknowledge within " + describe(attempt.maxWait()) + ": " + failure, failure));
            return;
        }
        CommandLogContext.run(attempt.record(), null, () -> {
            if (retryCannotHelp(failure)) {
                LOG.error("{} Kafka refuses the dead letter for {} ({}); nothing else can take this record, so its offset is held: "
                        + "grant the worker write access, or raise the topic's max.message.bytes",
                        CommandRecordProcessor.where(attempt.record()), attempt.topic(), failure.toString());
            } else {
                LOG.warn("{} reply or dead letter to {} not acknowledged ({}); publishing again in {} ms, offset not committed meanwhile",
                        CommandRecordProcessor.where(attempt.record()), attempt.topic(), failure.toString(), nextDelayMs);
            }
        });
        metrics.publishRetried();
        // publishing may block (metadata, a full buffer): not on the scheduler's thread
        scheduler.after(Duration.ofMillis(nextDelayMs))
                .thenRunAsync(() -> run(attempt, Math.min(nextDelayMs * 2, MAX_RETRY_MS)), publishing);
    }

    private static String describe(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }
}
