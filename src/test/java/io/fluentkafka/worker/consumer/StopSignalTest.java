package io.fluentkafka.worker.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka calls get 10 s until the stop, then what is left of the grace period; a revocation waits at most that long. */
class StopSignalTest {

    @Test
    void kafkaCallsGetTheirOwnTimeoutUntilTheStopAndThenWhatIsLeftOfTheGracePeriod() {
        StopSignal stop = new StopSignal(Duration.ofSeconds(2));
        assertThat(stop.stopping()).isFalse();
        assertThat(stop.kafkaTimeout()).isEqualTo(StopSignal.KAFKA_TIMEOUT);
        assertThat(stop.closeTimeout()).isEqualTo(StopDeadline.RESERVE);

        StopDeadline deadline = stop.give();

        assertThat(stop.stopping()).isTrue();
        assertThat(stop.deadline()).isSameAs(deadline);
        assertThat(stop.kafkaTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(stop.closeTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void revokedCommandsThatFinishedAreNotWaitedFor() {
        StopSignal stop = new StopSignal(Duration.ofMinutes(1));
        assertThat(stop.awaitWithinGracePeriod(CompletableFuture.completedFuture(null))).isTrue();
    }

    @Test
    void revokedCommandsGetTheGracePeriodAndNoMore() {
        StopSignal stop = new StopSignal(Duration.ofMillis(100));
        assertThat(stop.awaitWithinGracePeriod(new CompletableFuture<>())).isFalse();
    }

    @Test
    void aStopGivenWhileWaitingForRevokedCommandsCutsTheWaitToTheEndOfItsDrain() {
        StopSignal stop = new StopSignal(Duration.ofSeconds(4)); // the drain ends 2 s after the stop (the reserve is half)
        CompletableFuture.runAsync(stop::give, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();

        boolean finished = stop.awaitWithinGracePeriod(new CompletableFuture<>());

        assertThat(finished).isFalse();
        // the drain's end (about 2 s), not the grace period's (4 s): the upper bound leaves room for a loaded machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(3900));
    }
}
