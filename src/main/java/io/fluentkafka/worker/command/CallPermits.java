package io.fluentkafka.worker.command;

import io.fluentkafka.worker.config.ConsumerConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * {@code worker.max-in-flight}: how many calls to Fluent the worker makes at once, across every command and
 * connection. A command holds a permit only while its call runs, never while it waits (a retry back-off, its
 * connection, its key), so waiting commands never use the bound up. Permits go to callers in the order they asked,
 * those going on with a command that has called before (a retry, a later step) ahead of commands' first calls.
 * Thread-safe; waiting for a permit holds no thread.
 */
@Singleton
public final class CallPermits {

    private final int max;
    // guarded by this
    private final Deque<CompletableFuture<Void>> goingOn = new ArrayDeque<>();
    private final Deque<CompletableFuture<Void>> firstCalls = new ArrayDeque<>();
    private int inUse;

    @Inject
    CallPermits(ConsumerConfiguration configuration) {
        this(configuration.maxInFlight());
    }

    CallPermits(int max) {
        this.max = max;
    }

    /**
     * Completes when the caller holds a permit, which it must {@link #release()}; fails with
     * {@link CancellationException}, holding none, when waiting is over first. A permit handed over on release
     * completes the future on the releasing thread: callers that may queue go on asynchronously.
     *
     * @param goingOn the command has called Fluent before: it goes ahead of first calls
     */
    CompletableFuture<Void> acquire(Abandonment abandonment, boolean goingOn) {
        CompletableFuture<Void> granted = new CompletableFuture<>();
        synchronized (this) {
            if (inUse < max) {
                inUse++;
                granted.complete(null);
                return granted;
            }
            (goingOn ? this.goingOn : firstCalls).add(granted);
        }
        abandonment.cancelWhenWaitingOver(granted); // a permit handed over first wins: it is then the caller's
        return granted;
    }

    /** Hands the permit to the longest waiting caller that still wants one, or frees it. */
    void release() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                next = goingOn.isEmpty() ? firstCalls.poll() : goingOn.poll();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            if (next.complete(null)) {
                return;
            }
        }
    }

    /** Calls to Fluent running now. */
    public synchronized int inUse() {
        return inUse;
    }
}
