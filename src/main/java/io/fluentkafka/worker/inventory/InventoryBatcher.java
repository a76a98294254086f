package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.config.ConsumerConfiguration;
import io.fluentkafka.worker.config.InventoryConfiguration;
import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

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
     * Fails startup when a batch could outlast the drain: a revocation or a stop waits for the open batches' members,
     * and one that lingers past half the grace period would have them abandoned and done again by the next owner.
     */
    @Inject
    InventoryBatcher(InventoryConfiguration configuration, ConsumerConfiguration consumer, Scheduler scheduler) {
        this(configuration, scheduler);
        if (configuration.linger().multipliedBy(2).compareTo(consumer.shutdownGracePeriod()) >= 0) {
            throw new ConfigurationException(InventoryConfiguration.PREFIX + ".linger (" + configuration.linger()
                    + ") must be under half of worker.shutdown-grace-period (" + consumer.shutdownGracePeriod()
                    + "): a rebalance or a stop waits for open inventory batches");
        }
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
