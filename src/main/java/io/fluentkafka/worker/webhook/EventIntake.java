package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a verified event at most once per pod and window ({@link RecentEvents}), and says within
 * {@code worker.webhooks.publish-timeout} whether Kafka has it.
 *
 * <p>Contract: {@link Taken.Published} only after Kafka acknowledged the record (or an earlier request's record
 * with the same id); otherwise {@link Taken.Unavailable} when a retry may succeed, {@link Taken.Refused} when Kafka
 * refused the record for good (too large, not authorized, ...); either way Fluent's retry is let through. A publish that
 * outlives the timeout goes on: Kafka may still take it (the producer keeps trying for its
 * {@code delivery.timeout.ms}); until it ends, a retry of the same id waits for it rather than publishing another
 * copy, and once it succeeded the id counts as published. The send itself runs on the blocking executor, since the
 * producer may block while it has no metadata for the topic (up to {@code max.block.ms}).
 */
@Singleton
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class EventIntake {

    /** What became of an event. */
    sealed interface Taken {
        record Published() implements Taken {
        }

        /** Published before, by this pod, within the window. */
        record Duplicate() implements Taken {
        }

        /**
         * Kafka may take it on a retry: a retriable failure, the timeout, or the producer closing.
         * {@code why}: for the log; never the event's content.
         */
        record Unavailable(String why) implements Taken {
        }

        /**
         * Kafka refused it for good, so a retry would fail the same way: {@code status} 413 with {@code reason}
         * {@code record_too_large} (over the producer's {@code max.request.size} or the topic's
         * {@code max.message.bytes}), else 500 {@code publish_failed} (e.g. topic authorization, invalid topic).
         */
        record Refused(int status, String reason, String why) implements Taken {
        }
    }

    private final EventPublisher publisher;
    private final RecentEvents recent;
    private final Duration timeout;
    private final Executor sending;

    EventIntake(EventPublisher publisher, WebhookConfiguration configuration, Scheduler scheduler,
                @Named(TaskExecutors.BLOCKING) Executor sending) {
        this.publisher = publisher;
        this.recent = new RecentEvents(scheduler, configuration.duplicateWindow(), configuration.duplicateCacheSize());
        this.timeout = configuration.publishTimeout();
        this.sending = sending;
    }

    Taken take(WebhookEvent event) {
        RecentEvents.Claim claim = recent.claim(event.id());
        if (claim instanceof RecentEvents.Claim.Published) {
            return new Taken.Duplicate();
        }
        if (claim instanceof RecentEvents.Claim.Pending pending) {
            return await(pending.outcome().thenApply(published -> {
                if (!published) {
                    throw new OtherRequestFailed();
                }
                return published;
            }));
        }
        RecentEvents.Claim.Mine mine = (RecentEvents.Claim.Mine) claim;
        CompletableFuture<?> acknowledged;
        try {
            acknowledged = CompletableFuture.supplyAsync(() -> publisher.publish(event), sending).thenCompose(sent -> sent);
        } catch (RuntimeException e) {
            acknowledged = CompletableFuture.failedFuture(e);
        }
        acknowledged.whenComplete((metadata, failure) -> {
            if (failure == null) {
                mine.published();
            } else {
                mine.failed();
            }
        });
        return await(acknowledged);
    }

    private Taken await(Future<?> acknowledged) {
        try {
            acknowledged.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Taken.Published();
        } catch (TimeoutException e) {
            return new Taken.Unavailable("Kafka did not acknowledge within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            return failed(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Taken.Unavailable("interrupted while waiting for Kafka");
        }
    }

    /**
     * Only what a retry may get past is {@link Taken.Unavailable} (503): Kafka's retriable errors (timeouts, no
     * leader, not enough replicas...), the producer closing at shutdown, and another request's failed publish of the
     * same id (whatever it was, this request's retry publishes anew).
     */
    static Taken failed(Throwable cause) {
        String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof RecordTooLargeException) {
            return new Taken.Refused(413, "record_too_large", why);
        }
        if (cause instanceof RetriableException || cause instanceof OtherRequestFailed
                || cause instanceof InterruptException || cause instanceof IllegalStateException) {
            return new Taken.Unavailable(why);
        }
        return new Taken.Refused(500, "publish_failed", why);
    }

    /** A concurrent request with the same id was publishing it, and failed. */
    private static final class OtherRequestFailed extends RuntimeException {
        OtherRequestFailed() {
            super("the publish of the same event by another request failed", null, false, false);
        }
    }
}
