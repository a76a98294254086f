package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.OutageConfiguration;
import io.fluentkafka.worker.fluent.ConnectionAvailability.Effect;
import io.fluentkafka.worker.fluent.ConnectionAvailability.Reason;
import io.fluentkafka.worker.time.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** When a connection goes down, how it is probed, and when it is up again; time moved by a {@link ManualScheduler}. */
class ConnectionAvailabilityTest {

    private static final OutageConfiguration OUTAGE = new OutageConfiguration(3, Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(4), 2);
    private static final FluentUnavailableException UNAVAILABLE = new FluentUnavailableException("Fluent answered HTTP 503");

    private final ManualScheduler time = new ManualScheduler();
    private final Probe probe = new Probe();
    private final ConnectionAvailability availability = new ConnectionAvailability("test", OUTAGE, probe, time);

    @Test
    void staysUpWhileTheFailuresInARowSpanLessThanDetectAfter() {
        assertThat(availability.failed(UNAVAILABLE)).isEqualTo(Effect.NONE);
        assertThat(availability.failed(UNAVAILABLE)).isEqualTo(Effect.NONE);
        time.advance(Duration.ofMillis(999));

        assertThat(availability.failed(UNAVAILABLE)).isEqualTo(Effect.NONE);
        assertThat(availability.isDown()).isFalse();
    }

    @Test
    void staysUpWhenASuccessBreaksTheRun() {
        availability.failed(UNAVAILABLE);
        availability.failed(UNAVAILABLE);
        availability.succeeded();
        time.advance(Duration.ofSeconds(5));

        assertThat(availability.failed(UNAVAILABLE)).isEqualTo(Effect.NONE);
        assertThat(availability.failed(UNAVAILABLE)).isEqualTo(Effect.NONE);
        assertThat(availability.isDown()).isFalse();
    }

    @Test
    void blamesAnOutageOnACallerOnlyWhenTheWholeRunOfFailuresWasItsOwn() {
        Object poison = new Object();
        Object other = new Object();
        availability.failed(UNAVAILABLE, poison);
        availability.failed(UNAVAILABLE, other);
        time.advance(Duration.ofSeconds(1));

        assertThat(availability.failed(UNAVAILABLE, poison)).isEqualTo(Effect.TOOK_DOWN_WITH_OTHERS);

        time.advance(Duration.ofSeconds(1)); // the first probe succeeds
        assertThat(availability.lastOutageEndedAtFirstProbe()).isTrue();
        availability.failed(UNAVAILABLE, poison);
        availability.failed(UNAVAILABLE, poison);
        time.advance(Duration.ofSeconds(1));
        assertThat(availability.failed(UNAVAILABLE, poison)).isEqualTo(Effect.TOOK_DOWN);
    }

    @Test
    void saysWhenAnOutageOutlastedItsFirstProbe() {
        availability.failed(UNAVAILABLE);
        availability.failed(UNAVAILABLE);
        time.advance(Duration.ofSeconds(1));
        availability.failed(UNAVAILABLE);
        probe.failWith(UNAVAILABLE);

        time.advance(Duration.ofSeconds(1)); // the first probe fails
        probe.succeed();
        time.advance(Duration.ofSeconds(2)); // the second succeeds

        assertThat(availability.isDown()).isFalse();
        assertThat(availability.lastOutageEndedAtFirstProbe()).isFalse();
    }

    @Test
    void goesDownOnThresholdFailuresInARowSpanningDetectAfter() {
        availability.failed(UNAVAILABLE);
        availability.failed(UNAVAILABLE);
        time.advance(Duration.ofSeconds(1));

        assertThat(availability.failed(UNAVAILABLE)).isEqualTo(Effect.TOOK_DOWN);
        assertThat(availability.failed(UNAVAILABLE)).as("a later failure").isEqualTo(Effect.ALREADY_DOWN);
        assertThat(availability.whenUp()).isNotDone();
        assertThat(availability.status()).isEqualTo(new ConnectionAvailability.Status("test", false, time.now(), Reason.UNAVAILABLE, 0));
    }

    @Test
    void goesDownAtOnceWhenCredentialsAreRefusedAndShowsOnlyTheCategory() {
        Effect effect = availability.failed(new FluentAuthenticationException("a message naming worker@acme.test"));

        assertThat(effect).isEqualTo(Effect.TOOK_DOWN);
        assertThat(availability.status().reason()).isEqualTo(Reason.CREDENTIALS_REJECTED);
        assertThat(availability.status().toString()).doesNotContain("worker@acme.test");
    }

    @Test
    void goesDownRatherThanLettingACommandGiveUpOnlyAfterThresholdFailuresInARow() {
        availability.failed(UNAVAILABLE);
        availability.failed(UNAVAILABLE);
        assertThat(availability.downRatherThanGiveUp(UNAVAILABLE)).isEqualTo(Effect.NONE);

        availability.failed(UNAVAILABLE);
        assertThat(availability.downRatherThanGiveUp(UNAVAILABLE)).isEqualTo(Effect.TOOK_DOWN);
        assertThat(availability.downRatherThanGiveUp(UNAVAILABLE)).isEqualTo(Effect.ALREADY_DOWN);
    }

    @Test
    void comesBackUpWhenTheFirstProbeSucceedsAfterTheInitialDelay() {
        takeDown();
        time.advance(Duration.ofMillis(999));
        assertThat(probe.calls).isEmpty();

        time.advance(Duration.ofMillis(1));

        assertThat(probe.calls).containsExactly(Duration.ofSeconds(1));
        assertThat(availability.whenUp()).isDone();
        assertThat(availability.status()).isEqualTo(new ConnectionAvailability.Status("test", true, null, null, 0));
        assertThat(availability.failed(UNAVAILABLE)).as("the run of failures starts afresh").isEqualTo(Effect.NONE);
    }

    @Test
    void probesWithDoublingDelaysUpToTheMaximumUntilAProbeSucceeds() {
        probe.failWith(new FluentAuthenticationException("refused"));
        takeDown();

        time.advance(Duration.ofSeconds(15));

        // delays 1 s, 2 s, then 4 s (the maximum) each time
        assertThat(probe.calls).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7),
                Duration.ofSeconds(11), Duration.ofSeconds(15));
        assertThat(availability.status().failedProbes()).isEqualTo(5);
        assertThat(availability.status().reason()).as("what the last probe found").isEqualTo(Reason.CREDENTIALS_REJECTED);
        assertThat(availability.isDown()).isTrue();

        probe.succeed();
        time.advance(Duration.ofSeconds(4));

        assertThat(probe.calls).hasSize(6);
        assertThat(availability.isDown()).isFalse();
    }

    private void takeDown() {
        availability.failed(new FluentAuthenticationException("refused"));
        assertThat(availability.isDown()).isTrue();
    }

    /** Records when it was called (time since the test started); answers as told, at once. */
    private final class Probe implements java.util.function.Supplier<CompletableFuture<?>> {
        final List<Duration> calls = new ArrayList<>();
        private volatile Throwable failure;

        void failWith(Throwable failure) {
            this.failure = failure;
        }

        void succeed() {
            failure = null;
        }

        @Override
        public CompletableFuture<?> get() {
            calls.add(Duration.ofNanos(time.nanoTime()));
            return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
        }
    }
}
