package io.fluentkafka.worker.consumer;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One deadline for a stop: the drain ends a reserve before it, kept for the final commit and leaving the group. */
class StopDeadlineTest {

    @Test
    void keepsFiveSecondsOrHalfTheGracePeriodForCommittingAndClosing() {
        assertThat(StopDeadline.reserve(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
        assertThat(StopDeadline.reserve(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(5));
        assertThat(StopDeadline.reserve(Duration.ofSeconds(6))).isEqualTo(Duration.ofSeconds(3));
        assertThat(StopDeadline.reserve(Duration.ZERO)).isZero();
    }

    @Test
    void endsTheDrainTheReserveBeforeTheDeadline() {
        StopDeadline deadline = StopDeadline.after(Duration.ofSeconds(20));

        assertThat(deadline.remaining()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        assertThat(deadline.untilDrainEnds()).isBetween(Duration.ofSeconds(14), Duration.ofSeconds(15));
        assertThat(deadline.remaining().minus(deadline.untilDrainEnds())).isBetween(Duration.ofMillis(4_900), Duration.ofMillis(5_100));
    }

    @Test
    void hasNothingLeftOnceItPassed() {
        StopDeadline deadline = StopDeadline.after(Duration.ZERO);

        assertThat(deadline.remaining()).isZero();
        assertThat(deadline.untilDrainEnds()).isZero();
    }
}
