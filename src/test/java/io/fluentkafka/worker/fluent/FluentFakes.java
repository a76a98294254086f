package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.OutageConfiguration;
import io.fluentkafka.worker.time.Scheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Fluent-side values for unit tests outside this package, whose constructors are package-private. */
public final class FluentFakes {

    private FluentFakes() {
    }

    public static ConnectionAvailability availability(String name, OutageConfiguration outage, Supplier<CompletableFuture<?>> probe,
                                                      Scheduler scheduler) {
        return new ConnectionAvailability(name, outage, probe, scheduler);
    }

    public static FluentUnavailableException unavailable(String message, Duration retryAfter) {
        return new FluentUnavailableException(message, retryAfter);
    }

    public static FluentUnavailableException unavailable(String message) {
        return new FluentUnavailableException(message);
    }

    public static FluentAuthenticationException credentialsRefused(String message) {
        return new FluentAuthenticationException(message);
    }
}
