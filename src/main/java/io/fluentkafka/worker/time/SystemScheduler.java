package io.fluentkafka.worker.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link Scheduler}: the system clocks, and one daemon thread that completes delays. After
 * {@link #close()} delays never complete: the worker is stopping and abandons commands that wait.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;

    public SystemScheduler(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "worker-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public CompletableFuture<Void> after(Duration delay) {
        CompletableFuture<Void> due = new CompletableFuture<>();
        if (delay.isNegative() || delay.isZero()) {
            due.complete(null);
            return due;
        }
        try {
            timer.schedule(() -> due.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // stopping: see the class comment
        }
        return due;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
