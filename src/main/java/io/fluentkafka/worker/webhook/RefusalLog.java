package io.fluentkafka.worker.webhook;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * At most one WARN line per reason and {@code interval}, for refusals anyone on the network can cause (no valid
 * signature, too large, too slow, busy): logging each would let any sender flood the logs. The line that is let
 * through says how many of that reason were left out since the last one. Metrics still count every refusal.
 */
final class RefusalLog {

    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    RefusalLog(LongSupplier nanoTime, Duration interval) {
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
    }

    /** -1: leave this one out; else log it, and this many of the same reason were left out before it. */
    long admit(String reason) {
        long now = nanoTime.getAsLong();
        Window window = windows.computeIfAbsent(reason, key -> new Window());
        synchronized (window) {
            if (window.logged && now - window.lastLogged < intervalNanos) {
                window.suppressed++;
                return -1;
            }
            long suppressed = window.suppressed;
            window.logged = true;
            window.lastLogged = now;
            window.suppressed = 0;
            return suppressed;
        }
    }

    private static final class Window {
        private boolean logged;
        private long lastLogged;
        private long suppressed;
    }
}
