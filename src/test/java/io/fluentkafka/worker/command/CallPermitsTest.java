package io.fluentkafka.worker.command;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** At most max calls at once; permits go in the order asked for, retries first; a caller that gives up takes none. */
class CallPermitsTest {

    private final CallPermits permits = new CallPermits(2);

    @Test
    void grantsUpToMaxAtOnceAndTheNextInOrderAsOnesAreReleased() {
        assertThat(permits.acquire(new Abandonment(), false)).isCompleted();
        assertThat(permits.acquire(new Abandonment(), false)).isCompleted();
        CompletableFuture<Void> third = permits.acquire(new Abandonment(), false);
        CompletableFuture<Void> fourth = permits.acquire(new Abandonment(), false);
        assertThat(third).isNotDone();

        permits.release();
        assertThat(third).isCompleted();
        assertThat(fourth).isNotDone();
        assertThat(permits.inUse()).isEqualTo(2);
        permits.release();
        permits.release();
        permits.release();
        assertThat(permits.inUse()).isZero();
    }

    @Test
    void aCommandThatHasCalledBeforeGoesAheadOfFirstCalls() {
        permits.acquire(new Abandonment(), false);
        permits.acquire(new Abandonment(), false);
        CompletableFuture<Void> first = permits.acquire(new Abandonment(), false);
        CompletableFuture<Void> retry = permits.acquire(new Abandonment(), true);

        permits.release();

        assertThat(retry).isCompleted();
        assertThat(first).isNotDone();
    }

    @Test
    void aCallerWhoseWaitingIsOverGivesUpAndThePermitGoesToTheNext() {
        permits.acquire(new Abandonment(), false);
        permits.acquire(new Abandonment(), false);
        Abandonment revoked = new Abandonment();
        CompletableFuture<Void> givesUp = permits.acquire(revoked, false);
        CompletableFuture<Void> next = permits.acquire(new Abandonment(), false);

        revoked.endWaiting();
        assertThat(givesUp).isCompletedExceptionally();
        assertThat(revoked.abandoned()).isTrue();
        permits.release();

        assertThat(next).isCompleted();
        assertThat(permits.inUse()).isEqualTo(2);
    }

    @Test
    void aCallerWhoseWaitingIsAlreadyOverGetsNoPermitWhenNoneIsFree() {
        Abandonment stopping = new Abandonment();
        stopping.endWaiting();
        assertThat(permits.acquire(stopping, false)).as("a free permit is not a wait").isCompleted();
        permits.acquire(new Abandonment(), false);

        assertThat(permits.acquire(stopping, false)).isCompletedExceptionally();
        assertThat(permits.inUse()).isEqualTo(2);
    }
}
