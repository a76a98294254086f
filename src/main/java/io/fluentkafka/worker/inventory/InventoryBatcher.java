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
 * A batch is sent when it holds {@link InventoryConfiguration#maxBatchSize()} positions, or
 * {@link InventoryConfiguration#linger()} after its first position, or as soon as one of its members may no longer
 * wait (its partition is being taken away or the worker stops: see {@link Execution#waitingOver()}), whichever comes
 * first; positions submitted after that go into the next batch.
 *
 * <p>Contract: the future {@link #submit} returns completes once Fluent has accepted the batch holding the position
 * (with the batch's receipt; with await-completion on, once {@link BatchCompletion} answers), or fails with the batch's
 * final failure, or with {@link java.util.concurrent.CancellationException} when the submitting command was abandoned
 * while it drove the batch (see {@link BatchPost}). Thread-safe; submitting never blocks on Fluent.
 */
@Singleton
public final class InventoryBatcher {

    private final InventoryConfiguration configuration;
    private final Scheduler scheduler;
    private final InventoryJobs jobs;
    private final BatchAcceptance acceptance;
    private final Map<Destination, OpenBatch> open = new HashMap<>();

    /**
     * A batch lingers at most a quarter of the shutdown grace period, whatever {@code worker.inventory.linger} says: a
     * rebalance or a stop sends open batches at once, and this bound holds even for a member whose signal came late.
     */
    @Inject
    InventoryBatcher(InventoryConfiguration configuration, ConsumerConfiguration consumer, Scheduler scheduler) {
        this(withinDrain(configuration, consumer.shutdownGracePeriod().dividedBy(4)), scheduler);
    }

    private static InventoryConfiguration withinDrain(InventoryConfiguration configuration, Duration bound) {
        return configuration.linger().compareTo(bound) <= 0 || bound.isZero() ? configuration : configuration.withLinger(bound);
    }

    public InventoryBatcher(InventoryConfiguration configuration, Scheduler scheduler) {
        this.configuration = configuration;
        this.scheduler = scheduler;
        this.jobs = new InventoryJobs(scheduler);
        this.acceptance = new BatchAcceptance(configuration, scheduler);
    }

    /** Adds the position to its destination's open batch; {@code execution} is the submitting command's. */
    public CompletableFuture<BatchReceipt> submit(Destination destination, InventoryPosition position, Execution execution) {
        CompletableFuture<BatchReceipt> done = new CompletableFuture<>();
        OpenBatch batch;
        List<BatchPost.Member> full = null;
        synchronized (this) {
            batch = open.get(destination);
            if (batch == null) {
                OpenBatch opened = new OpenBatch(destination);
                batch = opened;
                open.put(destination, opened);
                scheduler.after(configuration.linger()).thenRun(() -> flush(opened));
            }
            batch.members.add(new BatchPost.Member(position, execution, done));
            if (batch.members.size() >= configuration.maxBatchSize()) {
                full = take(batch);
            }
        }
        if (full != null) {
            send(destination, full);
        } else {
            OpenBatch joined = batch;
            execution.waitingOver().thenRun(() -> flush(joined)); // outside the lock: it may run at once
        }
        return done;
    }

    /** Sends {@code batch} if it is still open (it is not once it filled up or was flushed before). */
    private void flush(OpenBatch batch) {
        List<BatchPost.Member> members;
        synchronized (this) {
            if (open.get(batch.destination) != batch) {
                return;
            }
            members = take(batch);
        }
        send(batch.destination, members);
    }

    /**
     * Under the lock: closes the batch and hands its members over. The timer and the members' signals still hold the
     * emptied batch until they fire, but no longer its members (up to 5,000 positions with their commands).
     */
    private List<BatchPost.Member> take(OpenBatch batch) {
        open.remove(batch.destination);
        List<BatchPost.Member> members = batch.members;
        batch.members = List.of();
        return members;
    }

    private void send(Destination destination, List<BatchPost.Member> members) {
        new BatchPost(destination, members, jobs, acceptance).start();
    }

    /** A batch being gathered; its members are guarded by the batcher's lock. */
    private static final class OpenBatch {
        private final Destination destination;
        private List<BatchPost.Member> members = new ArrayList<>();

        OpenBatch(Destination destination) {
            this.destination = destination;
        }
    }
}
