package io.fluentkafka.worker.webhook;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies being read share one byte budget, so slow large bodies cannot fill the heap before any signature check. */
class WebhookBodyCollectorTest {

    @Test
    void aBodyThatWouldOverdrawTheSharedBudgetIsBusyAndTheBudgetComesBackWhenABodyEnds() {
        AtomicLong budget = new AtomicLong(10);
        ManualBody stalled = new ManualBody();
        CompletableFuture<Void> stalledDeadline = new CompletableFuture<>();
        CompletableFuture<BodyCollector.Outcome> first = BodyCollector.collect(stalled, 8, budget, stalledDeadline);
        stalled.send(6); // then nothing more: a slow client

        ManualBody second = new ManualBody();
        CompletableFuture<BodyCollector.Outcome> refused = BodyCollector.collect(second, 8, budget, new CompletableFuture<>());
        second.send(3);
        second.send(3);

        assertThat(refused).isCompletedWithValue(new BodyCollector.Outcome.Busy(3));
        assertThat(second.cancelled).as("the refused body is not read further").isTrue();
        assertThat(budget).hasValue(4);

        stalledDeadline.complete(null);
        assertThat(first).isCompletedWithValue(new BodyCollector.Outcome.TimedOut(6));
        assertThat(budget).as("every byte given back").hasValue(10);

        ManualBody third = new ManualBody();
        CompletableFuture<BodyCollector.Outcome> whole = BodyCollector.collect(third, 8, budget, new CompletableFuture<>());
        third.send(8);
        third.complete();
        assertThat(whole.join()).isInstanceOfSatisfying(BodyCollector.Outcome.Complete.class,
                complete -> assertThat(complete.body()).hasSize(8));
        assertThat(budget).hasValue(10);
    }

    /** A request body the test feeds chunk by chunk. */
    private static final class ManualBody implements Publisher<byte[]>, Subscription {
        private Subscriber<? super byte[]> subscriber;
        private boolean cancelled;

        @Override
        public void subscribe(Subscriber<? super byte[]> subscriber) {
            this.subscriber = subscriber;
            subscriber.onSubscribe(this);
        }

        void send(int bytes) {
            subscriber.onNext(new byte[bytes]);
        }

        void complete() {
            subscriber.onComplete();
        }

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
