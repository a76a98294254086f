package io.fluentkafka.worker.command;

import io.fluentkafka.worker.config.OutageConfiguration;
import io.fluentkafka.worker.config.RetryConfiguration;
import io.fluentkafka.worker.fluent.ConnectionAvailability;
import io.fluentkafka.worker.fluent.ConnectionAvailability.Effect;
import io.fluentkafka.worker.fluent.FluentAuthenticationException;
import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.fluent.FluentUnavailableException;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The failure policy for calls to Fluent, in one place:
 * <ul>
 *   <li>Transient failures ({@link FluentUnavailableException}: 5xx, 408, 429, timeouts, connection errors and
 *       Fluent's transient error codes) are retried with exponential back-off and jitter, honouring
 *       {@code Retry-After}, bounded by attempts and elapsed time.</li>
 *   <li>A rejected token has already been renewed and retried once by the client; anything else (validation,
 *       other 4xx, GraphQL and business errors) fails at once.</li>
 *   <li>When the connection is down (see {@link ConnectionAvailability}), the command waits for it instead of
 *       calling or failing, and its retry budget starts afresh once the connection is back. Credentials refused
 *       by Fluent take the connection down rather than failing the command.</li>
 *   <li>The poison bound: a command whose own failure took the connection down
 *       {@link OutageConfiguration#maxOutagesPerCommand()} times gets one last budget whose failures no longer count
 *       against the connection, and then fails with {@link PoisonCommandException} instead of waiting again.</li>
 * </ul>
 * Waiting never blocks a thread and holds none of the {@link CallPermits}, so a command in back-off or waiting for its
 * connection holds up no other command; once waiting is over for it ({@link Abandonment}), it gives up instead.
 */
@Singleton
final class Retrier {

    private final RetryConfiguration configuration;
    private final int maxOutagesPerCommand;
    private final WorkerMetrics metrics;
    private final Scheduler scheduler;
    private final CallPermits permits;
    private final Executor afterPermitWait;

    /** {@code afterPermitWait} goes on with a call whose permit was handed over by another call's end. */
    Retrier(RetryConfiguration configuration, OutageConfiguration outage, WorkerMetrics metrics, Scheduler scheduler, CallPermits permits,
            @Named(TaskExecutors.IO) Executor afterPermitWait) {
        this.configuration = configuration;
        this.maxOutagesPerCommand = outage.maxOutagesPerCommand();
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.permits = permits;
        this.afterPermitWait = afterPermitWait;
    }

    /**
     * Runs {@code attempt} until it succeeds or retrying is over; {@code attempts} counts the calls made. Fails with
     * {@link java.util.concurrent.CancellationException} if waiting is over for the command (see {@link Abandonment})
     * while it waits. Each call holds one of the {@link CallPermits}.
     */
    <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> attempt, ConnectionAvailability connection, AtomicInteger attempts,
                                 Abandonment abandonment) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new Run<>(attempt, connection, attempts, abandonment, result).whenConnectionUp();
        return result;
    }

    /**
     * One command's retries. Budget: the attempts and time since the connection was last known up. An outage counts
     * as this command's only when every failure in the run that took the connection down was its own
     * ({@link Effect#TOOK_DOWN}), Fluent was unavailable (not refusing credentials), and the first probe found
     * Fluent answering again; one it found down, or that other commands' failures took part in, does not. A lone
     * command during a partial outage that the probe does not see still looks like a poison command.
     */
    private final class Run<T> {
        private final Supplier<CompletableFuture<T>> attempt;
        private final ConnectionAvailability connection;
        private final AtomicInteger attempts;
        private final Abandonment abandonment;
        private final CompletableFuture<T> result;
        private int budgetUsed;
        private long budgetStartNanos;
        private long permitWaitNanos; // in this budget: not counted against max-elapsed
        private int outagesCaused;
        private boolean mayHaveCausedOutage;

        Run(Supplier<CompletableFuture<T>> attempt, ConnectionAvailability connection, AtomicInteger attempts, Abandonment abandonment,
            CompletableFuture<T> result) {
            this.attempt = attempt;
            this.connection = connection;
            this.attempts = attempts;
            this.abandonment = abandonment;
            this.result = result;
        }

        void whenConnectionUp() {
            CompletableFuture<Void> up = connection.whenUp();
            if (up.isDone()) {
                startBudget();
            } else {
                waitFor(up, this::startBudget);
            }
        }

        /** Waits, holding no permit, until {@code wait} completes, then goes on with {@code next}; fails the result if abandoned. */
        private void waitFor(CompletableFuture<?> wait, Runnable next) {
            abandonment.await(wait).whenComplete((ignored, abandoned) -> {
                if (abandoned != null) {
                    result.completeExceptionally(abandoned);
                } else {
                    guarded(next);
                }
            });
        }

        /** A bug in this policy must still end the command, never leave it waiting for a result that cannot come. */
        private void guarded(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private void startBudget() {
            if (mayHaveCausedOutage && connection.lastOutageEndedAtFirstProbe()) {
                outagesCaused++;
            }
            mayHaveCausedOutage = false;
            budgetUsed = 0;
            budgetStartNanos = scheduler.nanoTime();
            permitWaitNanos = 0;
            tryOnce();
        }

        private void tryOnce() {
            if (connection.isDown()) {
                whenConnectionUp();
                return;
            }
            long askedNanos = scheduler.nanoTime();
            CompletableFuture<Void> permit = permits.acquire(abandonment, attempts.get() > 0);
            BiConsumer<Void, Throwable> withPermit = (permitted, abandoned) -> {
                if (abandoned != null) {
                    result.completeExceptionally(abandoned);
                } else {
                    permitWaitNanos += scheduler.nanoTime() - askedNanos;
                    guarded(this::call);
                }
            };
            if (permit.isDone()) {
                permit.whenComplete(withPermit);
            } else { // not on the thread of the call whose end hands the permit over: no chain of calls on one stack
                permit.whenCompleteAsync(withPermit, afterPermitWait);
            }
        }

        /** One call, holding a permit; whatever the attempt does, the permit comes back and the call ends. */
        private void call() {
            attempts.incrementAndGet();
            budgetUsed++;
            CompletableFuture<T> call;
            try {
                call = Objects.requireNonNull(attempt.get(), "the attempt returned no future");
            } catch (Throwable e) { // an Error too: a call that never ends would hold its permit and its partition
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((value, failure) -> permits.release());
            call.whenComplete((value, failure) -> guarded(() -> {
                if (failure == null) {
                    connection.succeeded();
                    result.complete(value);
                } else {
                    failed(FluentException.causeOf(failure));
                }
            }));
        }

        private void failed(Throwable cause) {
            boolean connectionFault = cause instanceof FluentUnavailableException || cause instanceof FluentAuthenticationException;
            if (connectionFault && waitedForConnection(report(connection::failed, cause), cause)) {
                return;
            }
            if (!(cause instanceof FluentUnavailableException unavailable)) {
                giveUp(cause, connectionFault);
                return;
            }
            Duration delay = delay(budgetUsed, unavailable);
            Duration elapsed = Duration.ofNanos(scheduler.nanoTime() - budgetStartNanos - permitWaitNanos);
            boolean budgetSpent = budgetUsed >= configuration.maxAttempts() || elapsed.plus(delay).compareTo(configuration.maxElapsed()) > 0;
            if (!budgetSpent) {
                metrics.fluentRetried(connection.connection());
                waitFor(scheduler.after(delay), this::tryOnce);
            } else if (!waitedForConnection(report(connection::downRatherThanGiveUp, cause), cause)) {
                giveUp(cause, true);
            }
        }

        /** Tells the connection, unless this command is the known poison: then its failures no longer count against it. */
        private Effect report(BiFunction<Throwable, Object, Effect> toConnection, Throwable cause) {
            if (!knownPoison()) {
                return toConnection.apply(cause, this);
            }
            return connection.isDown() ? Effect.ALREADY_DOWN : Effect.NONE;
        }

        /**
         * Waits for the connection when {@code effect} says it is down; the outage is counted as this command's when
         * it caused it alone and the connection comes back at the first probe (see {@link #startBudget()}).
         */
        private boolean waitedForConnection(Effect effect, Throwable cause) {
            if (effect == Effect.NONE) {
                return false;
            }
            mayHaveCausedOutage = effect == Effect.TOOK_DOWN && cause instanceof FluentUnavailableException;
            whenConnectionUp();
            return true;
        }

        private void giveUp(Throwable cause, boolean connectionFault) {
            result.completeExceptionally(connectionFault && knownPoison()
                    ? new PoisonCommandException(connection.connection(), outagesCaused, cause) : cause);
        }

        private boolean knownPoison() {
            return outagesCaused >= maxOutagesPerCommand;
        }
    }

    /** Equal jitter: half the exponential delay plus a random part of the other half; at least Retry-After. */
    private Duration delay(int tries, FluentUnavailableException failure) {
        long exponential = configuration.initialDelay().toMillis() << Math.min(tries - 1, 20);
        long capped = Math.min(exponential, configuration.maxDelay().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        // Retry-After beyond the whole budget is as good as "not within it": capped, so that no header can overflow
        long retryAfter = failure.retryAfter().map(wait -> wait.compareTo(configuration.maxElapsed()) > 0 ? configuration.maxElapsed() : wait)
                .map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, retryAfter));
    }
}
