package io.fluentkafka.worker.support.fluent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The faults switched on at run time. A request whose body contains a poisoned value always fails; other faults
 * are not consumed by it. Counted faults are consumed one per request, atomically, in the order fail, throttle,
 * hang; random faults apply only when no counted fault is left.
 */
final class FaultPlan {

    private record Countdown(int remaining, Fault fault) {
        static final Countdown NONE = new Countdown(0, new Fault.Pass());
    }

    private record Poison(String value, Fault fault) {
        static final Poison NONE = new Poison(null, new Fault.Pass());
    }

    private record Rates(double serverError, double throttle, double timeout, Duration hang) {
        static final Rates OFF = new Rates(0, 0, 0, Duration.ZERO);
    }

    private final AtomicReference<Countdown> failures = new AtomicReference<>(Countdown.NONE);
    private final AtomicReference<Countdown> throttles = new AtomicReference<>(Countdown.NONE);
    private final AtomicReference<Countdown> hangs = new AtomicReference<>(Countdown.NONE);
    private final AtomicReference<Poison> poison = new AtomicReference<>(Poison.NONE);
    private final AtomicReference<Rates> rates = new AtomicReference<>(Rates.OFF);
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private volatile boolean outage;

    void failNext(int count, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("not an error status: " + httpStatus);
        }
        failures.set(countdown(count, new Fault.Status(httpStatus)));
    }

    /** Every request whose body contains {@code value} answers {@code httpStatus}, until cleared; null clears it. */
    void failContaining(String value, int httpStatus) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("not an error status: " + httpStatus);
        }
        poison.set(value == null || value.isEmpty() ? Poison.NONE : new Poison(value, new Fault.Status(httpStatus)));
    }

    void throttleNext(int count, Duration retryAfter) {
        throttles.set(countdown(count, new Fault.Throttle(nonNegative(retryAfter))));
    }

    void hangNext(int count, Duration hang) {
        hangs.set(countdown(count, new Fault.Hang(nonNegative(hang))));
    }

    /** Each rate is a probability per request; together they must not exceed 1. All zero switches them off. */
    void rates(double serverError, double throttle, double timeout, Duration hang) {
        if (serverError < 0 || throttle < 0 || timeout < 0 || serverError + throttle + timeout > 1.0) {
            throw new IllegalArgumentException("fault rates must be >= 0 and sum to <= 1");
        }
        rates.set(new Rates(serverError, throttle, timeout, nonNegative(hang)));
    }

    void latency(Duration perRequest) {
        latency.set(nonNegative(perRequest));
    }

    Duration latency() {
        return latency.get();
    }

    void outage(boolean down) {
        outage = down;
    }

    boolean outage() {
        return outage;
    }

    /** Switches every fault off, latency and outage included. */
    void clear() {
        failures.set(Countdown.NONE);
        throttles.set(Countdown.NONE);
        hangs.set(Countdown.NONE);
        poison.set(Poison.NONE);
        rates.set(Rates.OFF);
        latency.set(Duration.ZERO);
        outage = false;
    }

    /** Decides, and consumes, the fault for the next request this plan covers, whose body is {@code body}. */
    Fault next(String body) {
        Poison poisoned = poison.get();
        if (poisoned.value() != null && body.contains(poisoned.value())) {
            return poisoned.fault();
        }
        for (AtomicReference<Countdown> counted : List.of(failures, throttles, hangs)) {
            Countdown taken = counted.getAndUpdate(c -> c.remaining() > 0 ? new Countdown(c.remaining() - 1, c.fault()) : c);
            if (taken.remaining() > 0) {
                return taken.fault();
            }
        }
        return random(rates.get());
    }

    private static Fault random(Rates rates) {
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < rates.serverError()) {
            return new Fault.Status(503);
        }
        if (draw < rates.serverError() + rates.throttle()) {
            return new Fault.Throttle(Duration.ofSeconds(1));
        }
        if (draw < rates.serverError() + rates.throttle() + rates.timeout()) {
            return new Fault.Hang(rates.hang());
        }
        return new Fault.Pass();
    }

    private static Countdown countdown(int count, Fault fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return new Countdown(count, fault);
    }

    private static Duration nonNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        return duration;
    }
}
