package io.fluentkafka.worker.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the time and waits for it, for everything whose behaviour depends on time passing: retry back-off and
 * budgets, outage detection and probes, token expiry. Injected, so that tests can move time instead of waiting.
 */
public interface Scheduler {

    /** Wall-clock time: for what is shown to people or compared with times from elsewhere. */
    Instant now();

    /** A monotonic reading in nanoseconds, for measuring elapsed time; only differences between readings mean anything. */
    long nanoTime();

    /**
     * A future that completes once {@code delay} has passed; at once when it is zero or negative. It completes on the
     * scheduler's own thread, so what depends on it must not block. It never completes exceptionally.
     */
    CompletableFuture<Void> after(Duration delay);
}
