package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How update-inventory commands are gathered into Fluent inventory batches: {@code worker.inventory.*}. A batch is
 * sent when it holds {@code maxBatchSize} positions (Fluent takes at most {@value #FLUENT_MAX_BATCH_SIZE}), or
 * {@code linger} after its first position arrived, whichever comes first. A longer linger makes fewer, larger batches
 * and holds each command (and its offset) that much longer.
 *
 * <p>With {@code awaitCompletion} (off by default) a command is answered only once Fluent reports its accepted batch
 * COMPLETE, polled every {@code completionPollInterval}, or {@code completionTimeout} after the acceptance at the
 * latest (then with the last status seen): its offset is held that much longer.
 */
@ConfigurationProperties(InventoryConfiguration.PREFIX)
public record InventoryConfiguration(
        @Bindable(defaultValue = "2s") Duration linger,
        @Bindable(defaultValue = "5000") int maxBatchSize,
        @Bindable(defaultValue = "false") boolean awaitCompletion,
        @Bindable(defaultValue = "1m") Duration completionTimeout,
        @Bindable(defaultValue = "5s") Duration completionPollInterval) {

    public static final String PREFIX = "worker.inventory";
    /** Fluent's limit of entities per batch (fluent-api.md §7). */
    public static final int FLUENT_MAX_BATCH_SIZE = 5000;
    private static final Duration LINGER_MAX = Duration.ofMinutes(1);
    private static final Duration COMPLETION_TIMEOUT_MAX = Duration.ofMinutes(15);

    public InventoryConfiguration {
        if (!within(linger, LINGER_MAX)) {
            throw new ConfigurationException(PREFIX + ".linger must be positive and at most 1m, got " + linger);
        }
        if (maxBatchSize < 1 || maxBatchSize > FLUENT_MAX_BATCH_SIZE) {
            throw new ConfigurationException(PREFIX + ".max-batch-size must be between 1 and " + FLUENT_MAX_BATCH_SIZE
                    + " (Fluent's limit per batch), got " + maxBatchSize);
        }
        if (!within(completionTimeout, COMPLETION_TIMEOUT_MAX)) {
            throw new ConfigurationException(PREFIX + ".completion-timeout must be positive and at most 15m, got " + completionTimeout);
        }
        if (!within(completionPollInterval, completionTimeout)) {
            throw new ConfigurationException(PREFIX + ".completion-poll-interval must be positive and at most "
                    + PREFIX + ".completion-timeout (" + completionTimeout + "), got " + completionPollInterval);
        }
    }

    private static boolean within(Duration duration, Duration max) {
        return duration != null && !duration.isNegative() && !duration.isZero() && duration.compareTo(max) <= 0;
    }

    /** The defaults: 2 s, 5,000 positions, not awaiting completion (1 m timeout, polled every 5 s when on). */
    public static InventoryConfiguration defaults() {
        return new InventoryConfiguration(Duration.ofSeconds(2), FLUENT_MAX_BATCH_SIZE, false, Duration.ofMinutes(1), Duration.ofSeconds(5));
    }

    /** These settings with another linger. */
    public InventoryConfiguration withLinger(Duration otherLinger) {
        return new InventoryConfiguration(otherLinger, maxBatchSize, awaitCompletion, completionTimeout, completionPollInterval);
    }
}
