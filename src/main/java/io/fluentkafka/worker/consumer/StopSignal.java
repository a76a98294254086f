package io.fluentkafka.worker.consumer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the consumer was told to stop, and how long each step on the poll thread may then take. Given once by
 * {@link CommandConsumer#stop()} on any thread, read on the poll thread. Before a stop, a blocking Kafka call gets
 * {@link #KAFKA_TIMEOUT}; once stopping, everything ends by the stop's {@link StopDeadline}.
 */
final class StopSignal {

    /** How long a Kafka call on the poll thread may take while not stopping (a rebalance's commit or offset read). */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final Duration gracePeriod;
    private final CompletableFuture<Void> given = new CompletableFuture<>();
    private volatile StopDeadline deadline; // written before stopping
    private volatile boolean stopping;

    StopSignal(Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    /** Tells the poll thread to stop within the grace period, counted from now; returns the stop's deadline. */
    StopDeadline give() {
        StopDeadline stop = StopDeadline.after(gracePeriod);
        deadline = stop;
        stopping = true;
        given.complete(null);
        return stop;
    }

    Duration gracePeriod() {
        return gracePeriod;
    }

    boolean stopping() {
        return stopping;
    }

    /** The deadline of the stop; only once {@link #stopping()}. */
    StopDeadline deadline() {
        return deadline;
    }

    /** How long a blocking Kafka call on the poll thread may take: while stopping, until the stop's deadline. */
    Duration kafkaTimeout() {
        return stopping ? deadline.remaining() : KAFKA_TIMEOUT;
    }

    /**
     * How long closing the Kafka consumer may take: not the client's 30 s default but what is left before the stop's
     * deadline, or {@link StopDeadline#RESERVE} when the poll loop ends without a stop (it failed).
     */
    Duration closeTimeout() {
        return stopping ? deadline.remaining() : StopDeadline.RESERVE;
    }

    /**
     * Waits, without polling, for {@code done} (a revoked partition's running commands): up to the grace period, or,
     * if the stop is given meanwhile, until its drain ends if that comes first. True if {@code done} completed.
     */
    boolean awaitWithinGracePeriod(CompletableFuture<Void> done) {
        long end = System.nanoTime() + gracePeriod.toNanos();
        awaitUntil(CompletableFuture.anyOf(done, given), end);
        if (!done.isDone() && stopping) {
            awaitUntil(done, Math.min(end, deadline.drainEndNanos()));
        }
        return done.isDone();
    }

    /** Waits for {@code done} until {@code end} (a {@link System#nanoTime()}); returns early if interrupted. */
    private static void awaitUntil(CompletableFuture<?> done, long end) {
        try {
            done.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the caller looks at what finished
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
