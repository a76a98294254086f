package io.fluentkafka.worker.webhook;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects a request body as it arrives, without a thread waiting for it: the whole body, or as soon as it exceeds
 * {@code maxSize} (then the rest is not read), or when {@code deadline} completes first (a client that sends its
 * headers and then too little), or the connection's failure. So a slow or stalled client holds no thread and none of
 * the webhook permits, only its buffered bytes (at most {@code maxSize}) until the deadline.
 *
 * <p>Every byte collected is charged to the shared {@code budget} (bytes all bodies being read may hold at once) and
 * given back when the collection ends: a body that would overdraw it ends {@link Outcome.Busy}, so many clients that
 * send large bodies slowly cannot fill the heap before any signature is checked. The future completes outside this
 * collector's lock.
 */
final class BodyCollector implements Subscriber<byte[]> {

    /** How the collection ended. */
    sealed interface Outcome {
        record Complete(byte[] body) implements Outcome {
        }

        record TooLarge() implements Outcome {
        }

        record Busy(long received) implements Outcome {
        }

        record TimedOut(long received) implements Outcome {
        }

        record Failed(Throwable why) implements Outcome {
        }
    }

    private final int maxSize;
    private final AtomicLong budget;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Null once the collection ended: the deadline keeps this collector reachable until it passes. */
    private ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private Subscription subscription;

    private BodyCollector(int maxSize, AtomicLong budget) {
        this.maxSize = maxSize;
        this.budget = budget;
    }

    static CompletableFuture<Outcome> collect(Publisher<byte[]> body, int maxSize, AtomicLong budget, CompletionStage<?> deadline) {
        BodyCollector collector = new BodyCollector(maxSize, budget);
        deadline.thenRun(collector::timedOut);
        body.subscribe(collector);
        return collector.outcome;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        boolean ended;
        synchronized (this) {
            this.subscription = subscription;
            ended = collected == null;
        }
        if (ended) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(byte[] bytes) {
        Outcome end = null;
        synchronized (this) {
            if (collected == null) {
                return;
            }
            if ((long) collected.size() + bytes.length > maxSize) {
                end = new Outcome.TooLarge();
            } else if (budget.addAndGet(-bytes.length) < 0) {
                budget.addAndGet(bytes.length);
                end = new Outcome.Busy(collected.size());
            } else {
                collected.write(bytes, 0, bytes.length);
            }
        }
        if (end != null) {
            end(end);
        }
    }

    @Override
    public void onError(Throwable failure) {
        end(new Outcome.Failed(failure));
    }

    @Override
    public void onComplete() {
        byte[] body;
        synchronized (this) {
            body = collected == null ? null : collected.toByteArray();
        }
        if (body != null) {
            end(new Outcome.Complete(body));
        }
    }

    private void timedOut() {
        long received;
        synchronized (this) {
            received = collected == null ? -1 : collected.size();
        }
        if (received >= 0) {
            end(new Outcome.TimedOut(received));
        }
    }

    /**
     * The first end wins: it gives the collected bytes back to the budget, lets go of them and, unless the body is
     * complete, cancels what is left of it; the future completes after the lock is released.
     */
    private void end(Outcome end) {
        Subscription toCancel;
        synchronized (this) {
            if (collected == null) {
                return;
            }
            budget.addAndGet(collected.size());
            collected = null;
            toCancel = end instanceof Outcome.Complete ? null : subscription;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        outcome.complete(end);
    }
}
