package io.fluentkafka.worker.command;

import io.fluentkafka.worker.config.RetryConfiguration;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentUnavailableException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Retries transient Fluent failures ({@link FluentUnavailableException}) with exponential back-off and jitter,
 * bounded by attempts and elapsed time; anything else fails at once. Waiting never blocks a thread, so a
 * command in back-off holds up nothing else.
 */
@Singleton
final class Retrier {

    private final RetryConfiguration configuration;

    Retrier(RetryConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Runs {@code attempt} until it succeeds or retrying is over; {@code attempts} counts the tries made. */
    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> attempt, AtomicInteger attempts) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tryOnce(attempt, attempts, System.nanoTime(), result);
        return result;
    }

    private <T> void tryOnce(Supplier<CompletableFuture<T>> attempt, AtomicInteger attempts, long startNanos, CompletableFuture<T> result) {
        int tries = attempts.incrementAndGet();
        CompletableFuture<T> call;
        try {
            call = attempt.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable cause = FluentException.causeOf(failure);
            Duration delay = cause instanceof FluentUnavailableException unavailable ? delay(tries, unavailable) : null;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            if (delay == null || tries >= configuration.maxAttempts() || elapsed.plus(delay).compareTo(configuration.maxElapsed()) > 0) {
                result.completeExceptionally(cause);
                return;
            }
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> tryOnce(attempt, attempts, startNanos, result));
        });
    }

    /** Equal jitter: half the exponential delay plus a random part of the other half; at least Retry-After. */
    private Duration delay(int tries, FluentUnavailableException failure) {
        long exponential = configuration.initialDelay().toMillis() << Math.min(tries - 1, 20);
        long capped = Math.min(exponential, configuration.maxDelay().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        long retryAfter = failure.retryAfter().map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, retryAfter));
    }
}
