package io.fluentkafka.worker.support;

import io.fluentkafka.worker.config.InventoryConfiguration;

import java.time.Duration;

/** Inventory settings tests build: the worker itself only binds {@code worker.inventory.*}. */
public final class InventorySettings {

    private InventorySettings() {
    }

    /** The defaults, awaiting completion for at most {@code timeout}, polled every {@code pollInterval}. */
    public static InventoryConfiguration awaitingCompletion(Duration timeout, Duration pollInterval) {
        InventoryConfiguration defaults = InventoryConfiguration.defaults();
        return new InventoryConfiguration(defaults.linger(), defaults.maxBatchSize(), true, timeout, pollInterval);
    }
}
