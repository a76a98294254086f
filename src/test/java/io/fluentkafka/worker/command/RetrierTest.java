package io.fluentkafka.worker.command;

import io.fluentkafka.worker.command.Outcome.Category;
import io.fluentkafka.worker.config.OutageConfiguration;
import io.fluentkafka.worker.config.RetryConfiguration;
import io.fluentkafka.worker.fluent.ConnectionAvailability;
import io.fluentkafka.worker.fluent.FluentFakes;
import io.fluentkafka.worker.fluent.FluentUnavailableException;
import io.fluentkafka.worker.metrics.WorkerMetrics;
import io.fluentkafka.worker.time.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure policy against a scripted Fluent, a real {@link ConnectionAvailability}, and time moved by hand. */
class RetrierTest {

    private static final FluentUnavailableException UNAVAILABLE = FluentFakes.unavailable("Fluent answered HTTP 503");
    /** Never goes down on a run of failures: isolates the retry budget. */
    private static final OutageConfiguration NEVER_DOWN = new OutageConfiguration(1_000, Duration.ofHours(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 2);
    private static final OutageConfiguration OUTAGES = new OutageConfiguration(3, Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 2);

    private final ManualScheduler time = new ManualScheduler();
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final CallPermits permits = new CallPermits(1);
    private final Abandonment abandonment = new Abandonment();

    @Test
    void givesUpAfterMaxAttempts() {
        Retrier retrier = retrier(new RetryConfiguration(3, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(1)), NEVER_DOWN);

        CompletableFuture<String> result = run(retrier, connection(NEVER_DOWN), n -> failed(UNAVAILABLE));
        time.advance(Duration.ofSeconds(1));

        assertThat(result).isCompletedExceptionally();
        assertThat(failureOf(result)).isSameAs(UNAVAILABLE);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givesUpWhenTheNextDelayWouldPassMaxElapsed() {
        Retrier retrier = retrier(new RetryConfiguration(100, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5)), NEVER_DOWN);
        FluentUnavailableException throttled = FluentFakes.unavailable("Fluent answered HTTP 429", Duration.ofSeconds(2));

        CompletableFuture<String> result = run(retrier, connection(NEVER_DOWN), n -> failed(throttled));
        time.advance(Duration.ofSeconds(3));
        assertThat(result).isNotDone();
        time.advance(Duration.ofSeconds(1));

        // attempts at 0 s, 2 s and 4 s; a fourth at 6 s would pass the 5 s budget
        assertThat(result).isCompletedExceptionally();
        assertThat(attempts).hasValue(3);
        assertThat(time.pending()).isZero();
    }

    @Test
    void holdsACallPermitOnlyWhileItCallsNeverWhileItWaits() {
        Retrier retrier = retrier(new RetryConfiguration(5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1)), NEVER_DOWN);
        CompletableFuture<String> fluentAnswer = new CompletableFuture<>();

        CompletableFuture<String> result = run(retrier, connection(NEVER_DOWN), n -> n == 1 ? fluentAnswer : succeeded());
        assertThat(permits.inUse()).as("while calling").isOne();
        fluentAnswer.completeExceptionally(UNAVAILABLE);
        assertThat(permits.inUse()).as("in back-off").isZero();
        CompletableFuture<Void> another = permits.acquire(new Abandonment(), false);
        assertThat(another).as("the only permit goes to another command meanwhile").isCompleted();
        time.advance(Duration.ofSeconds(1));
        assertThat(result).as("its retry waits for the permit").isNotDone();

        permits.release();
        assertThat(result).isCompletedWithValue("done");
        assertThat(permits.inUse()).isZero();
    }

    @Test
    void timeSpentWaitingForAPermitDoesNotUseUpTheRetryBudget() {
        Retrier retrier = retrier(new RetryConfiguration(5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5)), NEVER_DOWN);
        permits.acquire(new Abandonment(), false); // another command holds the only permit for 10 s

        CompletableFuture<String> result = run(retrier, connection(NEVER_DOWN), n -> n == 1 ? failed(UNAVAILABLE) : succeeded());
        time.advance(Duration.ofSeconds(10));
        assertThat(attempts).hasValue(0);
        permits.release();
        time.advance(Duration.ofSeconds(1));

        assertThat(result).isCompletedWithValue("done");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void givesUpWaitingOnceWaitingIsOverAndAbandonsTheCommand() {
        Retrier retrier = retrier(new RetryConfiguration(5, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1)), NEVER_DOWN);

        CompletableFuture<String> result = run(retrier, connection(NEVER_DOWN), n -> failed(UNAVAILABLE));
        assertThat(result).isNotDone();
        abandonment.endWaiting();

        assertThat(failureOf(result)).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(abandonment.abandoned()).isTrue();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void waitsAsLongAsRetryAfterSays() {
        Retrier retrier = retrier(new RetryConfiguration(5, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMinutes(1)), NEVER_DOWN);
        FluentUnavailableException throttled = FluentFakes.unavailable("Fluent answered HTTP 429", Duration.ofSeconds(10));

        CompletableFuture<String> result = run(retrier, connection(NEVER_DOWN), n -> n == 1 ? failed(throttled) : succeeded());
        time.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(attempts).hasValue(1);
        time.advance(Duration.ofMillis(1));

        assertThat(attempts).hasValue(2);
        assertThat(result).isCompletedWithValue("done");
    }

    @Test
    void failsACommandThatTookItsConnectionDownMaxOutagesTimesAfterOneLastBudget() {
        Retrier retrier = retrier(new RetryConfiguration(5, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(1)), OUTAGES);
        ConnectionAvailability connection = connection(OUTAGES);

        CompletableFuture<String> result = run(retrier, connection, n -> failed(UNAVAILABLE));
        for (int second = 0; second < 60 && !result.isDone(); second++) {
            time.advance(Duration.ofSeconds(1));
        }

        // each budget of 5 attempts ends in under a second: the first two take the connection down (each ended by a
        // successful probe); the third no longer counts against the connection and fails the command
        assertThat(result).isCompletedExceptionally();
        assertThat(failureOf(result)).isInstanceOf(PoisonCommandException.class)
                .hasMessage("took connection 'test' down 2 time(s) while Fluent answered its probe; last error: Fluent answered HTTP 503");
        assertThat(attempts).hasValue(15);
        assertThat(probes).as("outages").hasValue(2);
        assertThat(connection.isDown()).isFalse();
        Outcome.Failed failed = Failures.toFailed(failureOf(result), attempts.get());
        assertThat(failed.category()).isEqualTo(Category.FLUENT_UNAVAILABLE);
        assertThat(failed.message()).startsWith("gave up after 15 attempt(s): took connection 'test' down 2 time(s)");
    }

    @Test
    void outagesThatOtherCommandsCausedDoNotCountAgainstACommand() {
        Retrier retrier = retrier(new RetryConfiguration(5, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(1)), OUTAGES);
        ConnectionAvailability connection = connection(OUTAGES);

        // before each of its first five attempts fails, another command's refused token takes the connection down
        CompletableFuture<String> result = run(retrier, connection, n -> {
            if (n > 5) {
                return succeeded();
            }
            connection.failed(FluentFakes.credentialsRefused("Fluent refused a token for connection 'test' (HTTP 401)"));
            return failed(UNAVAILABLE);
        });
        for (int second = 0; second < 60 && !result.isDone(); second++) {
            time.advance(Duration.ofSeconds(1));
        }

        assertThat(result).isCompletedWithValue("done");
        assertThat(probes).as("outages").hasValue(5);
    }

    private Retrier retrier(RetryConfiguration retry, OutageConfiguration outage) {
        return new Retrier(retry, outage, new WorkerMetrics(new SimpleMeterRegistry()), time, permits, Runnable::run);
    }

    /** A connection whose probe always succeeds: Fluent answers everything but the command's own calls. */
    private ConnectionAvailability connection(OutageConfiguration outage) {
        return FluentFakes.availability("test", outage, () -> {
            probes.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, time);
    }

    /** Runs a command whose n-th attempt (from 1) answers {@code script.apply(n)}. */
    private CompletableFuture<String> run(Retrier retrier, ConnectionAvailability connection, IntFunction<CompletableFuture<String>> script) {
        return retrier.run(() -> script.apply(attempts.get()), connection, attempts, abandonment);
    }

    private static Throwable failureOf(CompletableFuture<?> result) {
        return result.handle((value, failure) -> failure).join();
    }

    private static CompletableFuture<String> failed(Throwable failure) {
        return CompletableFuture.failedFuture(failure);
    }

    private static CompletableFuture<String> succeeded() {
        return CompletableFuture.completedFuture("done");
    }
}
