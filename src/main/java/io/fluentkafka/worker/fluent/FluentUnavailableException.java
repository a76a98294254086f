package io.fluentkafka.worker.fluent;

import java.time.Duration;
import java.util.Optional;

/**
 * A transient failure: 5xx, 408, 429, a timeout, a connection error, or a transient Fluent error code.
 * Worth retrying, after {@link #retryAfter()} when Fluent said so.
 */
public final class FluentUnavailableException extends FluentException {

    private final Duration retryAfter;

    FluentUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    FluentUnavailableException(String message) {
        this(message, null);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
