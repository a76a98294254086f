package io.fluentkafka.worker.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Scheduler} whose time moves only when a test says so. {@link #advance(Duration)} moves it step by step,
 * completing each delay at the moment it falls due, in order, on the calling thread; delays scheduled meanwhile run
 * too if they fall due within the advance. Thread-safe.
 */
public final class ManualScheduler implements Scheduler {

    private record Due(long atNanos, long order, CompletableFuture<Void> future) {
    }

    private final Instant start;
    private final List<Due> pending = new ArrayList<>();
    private long nanos;
    private long scheduled;

    public ManualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualScheduler(Instant start) {
        this.start = start;
    }

    @Override
    public synchronized Instant now() {
        return start.plusNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public CompletableFuture<Void> after(Duration delay) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (delay.isNegative() || delay.isZero()) {
            future.complete(null);
            return future;
        }
        synchronized (this) {
            pending.add(new Due(nanos + delay.toNanos(), scheduled++, future));
        }
        return future;
    }

    /** Moves time on by {@code duration}, completing every delay that falls due on the way. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nanos + duration.toNanos();
        }
        for (Due due = nextDueBy(target); due != null; due = nextDueBy(target)) {
            due.future().complete(null);
        }
        synchronized (this) {
            nanos = target;
        }
    }

    /** Delays not yet due. */
    public synchronized int pending() {
        return pending.size();
    }

    /** Removes the earliest delay due by {@code target} and moves time to it; null when none is. */
    private synchronized Due nextDueBy(long target) {
        Due next = pending.stream().min(Comparator.comparingLong(Due::atNanos).thenComparingLong(Due::order)).orElse(null);
        if (next == null || next.atNanos() > target) {
            return null;
        }
        pending.remove(next);
        nanos = Math.max(nanos, next.atNanos());
        return next;
    }
}
