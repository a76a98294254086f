package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.OutageConfiguration;
import io.fluentkafka.worker.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Whether one Fluent connection is answering, learned from the outcome of every call made on it (see
 * {@link OutageConfiguration} for when it counts as down). While down, {@link #whenUp()} is a future that
 * completes when a probe succeeds; callers wait on it instead of calling Fluent. Thread-safe.
 */
public final class ConnectionAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionAvailability.class);

    /** What a reported failure did to the connection. */
    public enum Effect {
        /** The connection is still up. */
        NONE,
        /** It was already down, taken down by something else. */
        ALREADY_DOWN,
        /** This failure took it down, and every failure of the run that did so was this caller's. */
        TOOK_DOWN,
        /** This failure took it down, but other callers' failures were part of the run: nobody's alone. */
        TOOK_DOWN_WITH_OTHERS
    }

    /** The owner of a run of failures that more than one caller took part in. */
    private static final Object MIXED = new Object();

    /** Why a connection is down: a category, never Fluent's or our own message text (that may name the account). */
    public enum Reason {
        /** Fluent or its token endpoint did not answer, or answered with a transient error. */
        UNAVAILABLE,
        /** Fluent refused the connection's credentials, or a token it had just issued. */
        CREDENTIALS_REJECTED
    }

    /** What health reports about one connection. {@code since} and {@code reason} are null while up. */
    public record Status(String connection, boolean up, Instant since, Reason reason, int failedProbes) {
    }

    private final String connection;
    private final OutageConfiguration configuration;
    private final Supplier<CompletableFuture<?>> probe;
    private final Scheduler scheduler;

    // guarded by this
    private int streak;
    private long streakStartNanos;
    private Object streakOwner;
    private boolean lastOutageEndedAtFirstProbe;
    private CompletableFuture<Void> up = CompletableFuture.completedFuture(null);
    private Instant downSince;
    private Reason reason;
    private int failedProbes;

    ConnectionAvailability(String connection, OutageConfiguration configuration, Supplier<CompletableFuture<?>> probe, Scheduler scheduler) {
        this.connection = connection;
        this.configuration = configuration;
        this.probe = probe;
        this.scheduler = scheduler;
    }

    /** The connection's configured name. */
    public String connection() {
        return connection;
    }

    /** A call on this connection succeeded. */
    public synchronized void succeeded() {
        streak = 0;
        streakOwner = null;
    }

    /** As {@link #failed(Throwable, Object)}, for a caller that does not tell itself apart from others. */
    public Effect failed(Throwable failure) {
        return failed(failure, null);
    }

    /**
     * A call of {@code caller}'s (e.g. one command's retries) failed because Fluent or its token endpoint was
     * unavailable, or refused the credentials.
     */
    public Effect failed(Throwable failure, Object caller) {
        Throwable cause = FluentException.causeOf(failure);
        synchronized (this) {
            if (isDown()) {
                return Effect.ALREADY_DOWN;
            }
            joinStreak(caller);
            if (cause instanceof FluentAuthenticationException) {
                goDown(Reason.CREDENTIALS_REJECTED, cause);
            } else if (cause instanceof FluentUnavailableException) {
                long now = scheduler.nanoTime();
                if (streak++ == 0) {
                    streakStartNanos = now;
                }
                if (streak >= configuration.failureThreshold() && now - streakStartNanos >= configuration.detectAfter().toNanos()) {
                    goDown(Reason.UNAVAILABLE, cause);
                }
            }
            return isDown() ? tookDown(caller) : Effect.NONE;
        }
    }

    private void joinStreak(Object caller) {
        if (streak == 0) {
            streakOwner = caller;
        } else if (streakOwner != caller) {
            streakOwner = MIXED;
        }
    }

    private Effect tookDown(Object caller) {
        return streakOwner == caller ? Effect.TOOK_DOWN : Effect.TOOK_DOWN_WITH_OTHERS;
    }

    /** Whether the last outage ended at its first probe: Fluent answered as soon as it was asked. */
    public synchronized boolean lastOutageEndedAtFirstProbe() {
        return lastOutageEndedAtFirstProbe;
    }

    /**
     * A command is about to give up because Fluent was unavailable. If no call on this connection has succeeded
     * during the last {@code failureThreshold} calls, the fault is the connection's, not the command's: the
     * connection goes down, so the command waits instead of failing.
     */
    public Effect downRatherThanGiveUp(Throwable failure) {
        return downRatherThanGiveUp(failure, null);
    }

    /** As {@link #downRatherThanGiveUp(Throwable)}, for {@code caller}'s command. */
    public synchronized Effect downRatherThanGiveUp(Throwable failure, Object caller) {
        if (isDown()) {
            return Effect.ALREADY_DOWN;
        }
        if (streak < configuration.failureThreshold()) {
            return Effect.NONE;
        }
        goDown(Reason.UNAVAILABLE, FluentException.causeOf(failure));
        return tookDown(caller);
    }

    public synchronized boolean isDown() {
        return !up.isDone();
    }

    /** Completes at once while up; while down, when a probe has succeeded. Never completes exceptionally. */
    public synchronized CompletableFuture<Void> whenUp() {
        return up;
    }

    public synchronized Status status() {
        return new Status(connection, !isDown(), downSince, reason, failedProbes);
    }

    private void goDown(Reason why, Throwable cause) {
        up = new CompletableFuture<>();
        downSince = scheduler.now();
        reason = why;
        failedProbes = 0;
        LOG.warn("Fluent connection '{}' is down ({}; last failure: {}); its commands wait until a probe succeeds",
                connection, why, cause.getMessage());
        scheduleProbe(configuration.probeInitialDelay());
    }

    private void scheduleProbe(Duration delay) {
        scheduler.after(delay).thenRun(() -> probeOnce(delay));
    }

    private void probeOnce(Duration delay) {
        CompletableFuture<?> call;
        try {
            call = probe.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((ignored, failure) -> {
            if (failure == null) {
                recover();
            } else {
                probeFailed(FluentException.causeOf(failure), delay);
            }
        });
    }

    /** Probes again after twice {@code delay}, at most {@code probeMaxDelay}. */
    private void probeFailed(Throwable cause, Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        Duration next = doubled.compareTo(configuration.probeMaxDelay()) > 0 ? configuration.probeMaxDelay() : doubled;
        synchronized (this) {
            failedProbes++;
            reason = cause instanceof FluentAuthenticationException ? Reason.CREDENTIALS_REJECTED : Reason.UNAVAILABLE;
        }
        LOG.info("Fluent connection '{}' still down ({}); next probe in {}", connection, cause.getMessage(), next);
        scheduleProbe(next);
    }

    private void recover() {
        CompletableFuture<Void> waiting;
        Duration outage;
        synchronized (this) {
            waiting = up;
            up = CompletableFuture.completedFuture(null); // up at once for status(), before waiting commands resume
            lastOutageEndedAtFirstProbe = failedProbes == 0;
            outage = Duration.between(downSince, scheduler.now());
            streak = 0;
            streakOwner = null;
            downSince = null;
            reason = null;
            failedProbes = 0;
        }
        LOG.info("Fluent connection '{}' answers again after {}; its commands resume", connection, outage);
        waiting.complete(null);
    }
}
