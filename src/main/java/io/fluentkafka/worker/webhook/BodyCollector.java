package io.fluentkafka.worker.webhook;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Collects a request body as it arrives, without a thread waiting for it: the whole body, or as soon as it exceeds
 * {@code maxSize} (then the rest is not read), or when {@code deadline} completes first (a client that sends its
 * headers and then too little), or the connection's failure. So a slow or stalled client holds no thread and none of
 * the webhook permits, only its buffered bytes (at most {@code maxSize}) until the deadline.
 */
final class BodyCollector implements Subscriber<byte[]> {

    /** How the collection ended. */
    sealed interface Outcome {
        record Complete(byte[] body) implements Outcome {
        }

        record TooLarge() implements Outcome {
        }

        record TimedOut(long received) implements Outcome {
        }

        record Failed(Throwable why) implements Outcome {
        }
    }

    private final int maxSize;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Null once the collection ended: the deadline keeps this collector reachable until it passes. */
    private ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private Subscription subscription;

    private BodyCollector(int maxSize) {
        this.maxSize = maxSize;
    }

    static CompletableFuture<Outcome> collect(Publisher<byte[]> body, int maxSize, CompletionStage<?> deadline) {
        BodyCollector collector = new BodyCollector(maxSize);
        deadline.thenRun(collector::timedOut);
        body.subscribe(collector);
        return collector.outcome;
    }

    @Override
    public synchronized void onSubscribe(Subscription subscription) {
        this.subscription = subscription;
        if (outcome.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public synchronized void onNext(byte[] bytes) {
        if (collected == null) {
            return;
        }
        if ((long) collected.size() + bytes.length > maxSize) {
            end(new Outcome.TooLarge());
            return;
        }
        collected.write(bytes, 0, bytes.length);
    }

    @Override
    public synchronized void onError(Throwable failure) {
        end(new Outcome.Failed(failure));
    }

    @Override
    public synchronized void onComplete() {
        if (collected != null) {
            end(new Outcome.Complete(collected.toByteArray()));
        }
    }

    private synchronized void timedOut() {
        if (collected != null) {
            end(new Outcome.TimedOut(collected.size()));
        }
    }

    /** The first end wins; any other cancels what is left of the body and lets go of what was collected. */
    private void end(Outcome end) {
        if (outcome.isDone()) {
            return;
        }
        if (!(end instanceof Outcome.Complete) && subscription != null) {
            subscription.cancel();
        }
        collected = null;
        outcome.complete(end);
    }
}
