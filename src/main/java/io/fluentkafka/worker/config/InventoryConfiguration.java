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
 */
@ConfigurationProperties(InventoryConfiguration.PREFIX)
public record InventoryConfiguration(
        @Bindable(defaultValue = "2s") Duration linger,
        @Bindable(defaultValue = "5000") int maxBatchSize) {

    public static final String PREFIX = "worker.inventory";
    /** Fluent's limit of entities per batch (fluent-api.md §7). */
    public static final int FLUENT_MAX_BATCH_SIZE = 5000;
    private static final Duration LINGER_MAX = Duration.ofMinutes(1);

    public InventoryConfiguration {
        if (linger == null || linger.isNegative() || linger.isZero() || linger.compareTo(LINGER_MAX) > 0) {
            throw new ConfigurationException(PREFIX + ".linger must be positive and at most 1m, got " + linger);
        }
        if (maxBatchSize < 1 || maxBatchSize > FLUENT_MAX_BATCH_SIZE) {
            throw new ConfigurationException(PREFIX + ".max-batch-size must be between 1 and " + FLUENT_MAX_BATCH_SIZE
                    + " (Fluent's limit per batch), got " + maxBatchSize);
        }
    }

    /** The defaults: 2 s, 5,000 positions. */
    public static InventoryConfiguration defaults() {
        return new InventoryConfiguration(Duration.ofSeconds(2), FLUENT_MAX_BATCH_SIZE);
    }
}
