package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Bounded retry of transient Fluent failures: {@code worker.retry.*}. Delays grow exponentially from
 * {@code initialDelay} up to {@code maxDelay}, with full jitter; a {@code Retry-After} from Fluent is honoured
 * when longer. Retrying stops at {@code maxAttempts} or when the next delay would pass {@code maxElapsed}.
 */
@ConfigurationProperties(RetryConfiguration.PREFIX)
public record RetryConfiguration(
        @Bindable(defaultValue = "5") int maxAttempts,
        @Bindable(defaultValue = "200ms") Duration initialDelay,
        @Bindable(defaultValue = "5s") Duration maxDelay,
        @Bindable(defaultValue = "60s") Duration maxElapsed) {

    public static final String PREFIX = "worker.retry";

    public RetryConfiguration {
        if (maxAttempts < 1) {
            throw new ConfigurationException(PREFIX + ".max-attempts must be at least 1");
        }
        if (initialDelay == null || initialDelay.isNegative() || maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new ConfigurationException(PREFIX + ".initial-delay must be >= 0 and " + PREFIX + ".max-delay >= initial-delay");
        }
        if (maxElapsed == null || maxElapsed.isNegative()) {
            throw new ConfigurationException(PREFIX + ".max-elapsed must be zero or positive");
        }
    }
}
