package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * When a Fluent connection counts as down, and how it is probed until it answers again: {@code worker.outage.*}.
 * A connection goes down when {@code failureThreshold} calls in a row found it unavailable over at least
 * {@code detectAfter} (random transient faults among successes never do that), when a command would otherwise
 * give up on it after such a run, or at once when Fluent refuses the connection's credentials. While it is
 * down its commands wait instead of failing, and a probe (token plus the current-user query) runs after
 * {@code probeInitialDelay}, doubling up to {@code probeMaxDelay}, until one succeeds.
 *
 * <p>The poison bound: a command that has itself taken the connection down {@code maxOutagesPerCommand} times
 * (its own failure tipped it, and the probe then found Fluent answering) is presumed to be failing for its own
 * sake. It gets one last retry budget whose failures no longer count against the connection, and when that is
 * spent it fails ({@code FLUENT_UNAVAILABLE}) instead of waiting for the connection again.
 */
@ConfigurationProperties(OutageConfiguration.PREFIX)
public record OutageConfiguration(
        @Bindable(defaultValue = "3") int failureThreshold,
        @Bindable(defaultValue = "1s") Duration detectAfter,
        @Bindable(defaultValue = "1s") Duration probeInitialDelay,
        @Bindable(defaultValue = "30s") Duration probeMaxDelay,
        @Bindable(defaultValue = "2") int maxOutagesPerCommand) {

    public static final String PREFIX = "worker.outage";

    public OutageConfiguration {
        if (failureThreshold < 1) {
            throw new ConfigurationException(PREFIX + ".failure-threshold must be at least 1");
        }
        if (detectAfter == null || detectAfter.isNegative()) {
            throw new ConfigurationException(PREFIX + ".detect-after must be zero or positive");
        }
        if (probeInitialDelay == null || probeInitialDelay.isNegative() || probeInitialDelay.isZero()
                || probeMaxDelay == null || probeMaxDelay.compareTo(probeInitialDelay) < 0) {
            throw new ConfigurationException(PREFIX + ".probe-initial-delay must be positive and "
                    + PREFIX + ".probe-max-delay at least as long");
        }
        if (maxOutagesPerCommand < 1) {
            throw new ConfigurationException(PREFIX + ".max-outages-per-command must be at least 1");
        }
    }
}
