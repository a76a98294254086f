package io.fluentkafka.worker.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The production scheduler completes delays on its own thread, and none after it was closed. */
class SystemSchedulerTest {

    @Test
    void completesADelayOnceItHasPassed() {
        try (SystemScheduler scheduler = new SystemScheduler(Clock.systemUTC())) {
            long started = scheduler.nanoTime();
            CompletableFuture<Void> due = scheduler.after(Duration.ofMillis(50));

            await().atMost(Duration.ofSeconds(5)).until(due::isDone);

            assertThat(Duration.ofNanos(scheduler.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
            assertThat(scheduler.after(Duration.ZERO)).isDone();
        }
    }

    @Test
    void neverCompletesADelayAfterItWasClosed() {
        SystemScheduler scheduler = new SystemScheduler(Clock.systemUTC());
        CompletableFuture<Void> pending = scheduler.after(Duration.ofMillis(1));
        scheduler.close();

        CompletableFuture<Void> late = scheduler.after(Duration.ofMillis(1));

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> !late.isDone());
        assertThat(late).isNotDone();
        assertThat(pending.isCompletedExceptionally()).isFalse();
    }
}
