package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.config.ConsumerConfiguration;
import io.fluentkafka.worker.config.InventoryConfiguration;
import io.fluentkafka.worker.time.Scheduler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers inventory positions into batches, one open batch per {@link Destination} (connection, retailer, catalogue).
 * A batch is sent when it holds {@link InventoryConfiguration#maxBatchSize()} positions or
 * {@link InventoryConfiguration#linger()} after its first position, whichever comes first; positions submitted after
 * that go into the next batch.
 *
 * <p>Contract: the future {@link #submit} returns completes once Fluent has accepted the batch holding the position
 * (with the batch's receipt), or fails with the batch's final failure, or with {@link
 * java.util.concurrent.CancellationException} when the submitting command was abandoned while it drove the batch
 * (see {@link BatchPost}). Thread-safe; submitting never blocks on Fluent.
 */
@Singleton
public final class InventoryBatcher {

    private final InventoryConfiguration configuration;
    private final Scheduler scheduler;
    private final InventoryJobs jobs;
    private final Map<Destination, List<BatchPost.Member>> open = new HashMap<>();

    /**
     * A batch lingers at most a quarter of the shutdown grace period, whatever {@code worker.inventory.linger} says: a
     * rebalance or a stop waits for the open batches' members within that period.
     */
    @Inject
    InventoryBatcher(InventoryConfiguration configuration, ConsumerConfiguration consumer, Scheduler scheduler) {
        this(withinDrain(configuration, consumer.shutdownGracePeriod().dividedBy(4)), scheduler);
    }

    private static InventoryConfiguration withinDrain(InventoryConfiguration configuration, Duration bound) {
        return configuration.linger().compareTo(bound) <= 0 || bound.isZero() ? configuration
                : new InventoryConfiguration(bound, configuration.maxBatchSize());
    }

    public InventoryBatcher(InventoryConfiguration configuration, Scheduler scheduler) {
        this.configuration = configuration;
        this.scheduler = scheduler;
        this.jobs = new InventoryJobs(scheduler);
    }

    /** Adds the position to its destination's open batch; {@code execution} is the submitting command's. */
    public CompletableFuture<BatchReceipt> submit(Destination destination, InventoryPosition position, Execution execution) {
        CompletableFuture<BatchReceipt> done = new CompletableFuture<>();
        List<BatchPost.Member> full = null;
        synchronized (this) {
            List<BatchPost.Member> batch = open.get(destination);
            if (batch == null) {
                List<BatchPost.Member> opened = new ArrayList<>();
                batch = opened;
                open.put(destination, opened);
                scheduler.after(configuration.linger()).thenRun(() -> flush(destination, opened));
            }
            batch.add(new BatchPost.Member(position, execution, done));
            if (batch.size() >= configuration.maxBatchSize()) {
                open.remove(destination);
                full = batch;
            }
        }
        if (full != null) {
            new BatchPost(destination, full, jobs).start();
        }
        return done;
    }

    /** Sends {@code batch} if it is still open (it is not once it filled up). */
    private void flush(Destination destination, List<BatchPost.Member> batch) {
        synchronized (this) {
            if (open.get(destination) != batch) {
                return;
            }
            open.remove(destination);
        }
        new BatchPost(destination, batch, jobs).start();
    }
}
