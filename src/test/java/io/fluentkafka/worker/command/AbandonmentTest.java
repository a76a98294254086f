package io.fluentkafka.worker.command;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A wait that ends because waiting is over abandons the command before anything that follows the wait runs. */
class AbandonmentTest {

    private final Abandonment abandonment = new Abandonment();

    @Test
    void whatFollowsACancelledWaitSeesTheCommandAbandoned() {
        AtomicBoolean abandonedSeen = new AtomicBoolean();
        abandonment.await(new CompletableFuture<>()).whenComplete((ignored, failure) -> abandonedSeen.set(abandonment.abandoned()));

        abandonment.endWaiting();

        assertThat(abandonedSeen).isTrue();
    }

    @Test
    void aWaitThatEndedBeforeLeavesTheCommandToGoOn() {
        CompletableFuture<Void> waited = abandonment.await(CompletableFuture.completedFuture(null));

        abandonment.endWaiting();

        assertThat(waited).isCompleted();
        assertThat(abandonment.abandoned()).isFalse();
        assertThat(abandonment.await(new CompletableFuture<>())).as("a wait begun after").isCompletedExceptionally();
        assertThat(abandonment.abandoned()).isTrue();
    }
}
