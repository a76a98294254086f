package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.SimulatorConnections;
import io.fluentkafka.worker.support.InventorySettings;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.time.ManualScheduler;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Awaiting an accepted batch's completion (worker.inventory.await-completion) against the Fluent simulator over HTTP,
 * with time moved by hand: members are answered once Fluent shows the batch COMPLETE, with its counts, or with the
 * status last seen when the timeout passes, a read is refused, or their waiting is over; never failed.
 */
class BatchCompletionTest {

    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(12);
    private static final BatchProgress PENDING = new BatchProgress("PENDING", 0, 3);
    private static FluentSimulator simulator;
    private static ApplicationContext context;
    private static FluentClient fluent;

    private ManualScheduler scheduler;
    private InventoryBatcher batcher;
    private Destination destination;

    @BeforeAll
    static void startSimulator() {
        simulator = FluentSimulator.start();
        context = SimulatorConnections.start(simulator);
        fluent = SimulatorConnections.defaultClient(context);
    }

    @AfterAll
    static void stop() {
        context.close();
        simulator.close();
    }

    @BeforeEach
    void awaitingBatcher() {
        simulator.reset();
        scheduler = new ManualScheduler(Instant.parse("2026-03-01T10:00:00Z"));
        batcher = new InventoryBatcher(InventorySettings.awaitingCompletion(TIMEOUT, POLL), scheduler);
        destination = new Destination(fluent, "1", "DEFAULT:1");
    }

    @Test
    void answersOnceFluentShowsTheBatchCompleteWithItsCounts() {
        List<CompletableFuture<BatchReceipt>> members = accepted(submit(3));

        read(1);
        assertThat(members).noneMatch(CompletableFuture::isDone);
        scheduler.advance(POLL);

        BatchReceipt receipt = join(members.get(0));
        assertThat(receipt.progress()).isEqualTo(new BatchProgress("COMPLETE", 3, 3));
        assertThat(members).allSatisfy(member -> assertThat(join(member)).isEqualTo(receipt));
        assertThat(batchReads()).isEqualTo(2);
    }

    @Test
    void answersWithTheStatusLastSeenOnceTheTimeoutPassesAndReadsNoMore() {
        batcher = new InventoryBatcher(InventorySettings.awaitingCompletion(SHORT_TIMEOUT, POLL), scheduler);
        simulator.holdBatchesRunning(true);
        List<CompletableFuture<BatchReceipt>> members = accepted(submit(3));
        read(1);
        read(2);
        assertThat(members).noneMatch(CompletableFuture::isDone);

        scheduler.advance(SHORT_TIMEOUT.minus(POLL.multipliedBy(2)));

        assertThat(join(members.get(2)).progress()).isEqualTo(new BatchProgress("RUNNING", 0, 3));
        scheduler.advance(POLL.multipliedBy(4));
        assertThat(batchReads()).isEqualTo(2);
    }

    @Test
    void aReadFluentCannotAnswerIsOneReadWithoutNewsAndNoMembersCall() {
        List<FakeExecution> executions = new ArrayList<>();
        List<CompletableFuture<BatchReceipt>> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeExecution execution = new FakeExecution(fluent, 3);
            executions.add(execution);
            members.add(batcher.submit(destination, position("sku-" + i), execution));
        }
        accepted(members);
        simulator.failNextRest(1, 503); // the first read: made once, not retried

        read(1);
        assertThat(members).noneMatch(CompletableFuture::isDone);
        read(2);
        assertThat(members).noneMatch(CompletableFuture::isDone);
        scheduler.advance(POLL);

        assertThat(join(members.get(0)).progress()).isEqualTo(new BatchProgress("COMPLETE", 3, 3));
        assertThat(batchReads()).isEqualTo(3);
        assertThat(executions.stream().mapToInt(FakeExecution::calls).sum()).as("the job and the batch; no read").isEqualTo(2);
    }

    @Test
    void aMemberThatMayNoLongerWaitIsAnsweredAtOnceAndTheOthersAwaitOn() {
        simulator.batchesCompleteAfterReads(3);
        FakeExecution revoked = new FakeExecution(fluent, 3);
        List<CompletableFuture<BatchReceipt>> members = new ArrayList<>();
        members.add(batcher.submit(destination, position("first"), revoked));
        members.addAll(submit(2));
        accepted(members);
        read(1);

        revoked.endWaiting();

        assertThat(join(members.get(0)).progress()).isEqualTo(PENDING);
        assertThat(members.subList(1, 3)).noneMatch(CompletableFuture::isDone);
        read(2);
        scheduler.advance(POLL);
        assertThat(join(members.get(1)).progress()).isEqualTo(new BatchProgress("COMPLETE", 3, 3));
        assertThat(revoked.calls()).as("the job and the batch: reads are no member's calls").isEqualTo(2);
        assertThat(revoked.abandoned()).isFalse();
    }

    /**
     * A stop during a Fluent outage: no member may be abandoned by the awaiting, or its reply would be dropped and its
     * accepted position posted again after the restart. Each member's step backs off on the scheduler, so a read made
     * as a member's step would still be in its back-off when the stop comes.
     */
    @Test
    void aStopWhileFluentCannotAnswerAReadAnswersEveryMemberAndAbandonsNone() {
        CompletableFuture<Void> stop = new CompletableFuture<>();
        List<FakeExecution> executions = new ArrayList<>();
        List<CompletableFuture<BatchReceipt>> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeExecution execution = new FakeExecution(fluent, 3, stop, scheduler, Duration.ofSeconds(1));
            executions.add(execution);
            members.add(batcher.submit(destination, position("sku-" + i), execution));
        }
        accepted(members);
        simulator.failNextRest(1, 503);
        scheduler.advance(POLL);
        await().atMost(Duration.ofSeconds(10)).until(() -> batchReads() >= 1);
        awaitTimers(); // the timeout, and the next read (or the back-off of a read made as a step)

        stop.complete(null);

        assertThat(members).allSatisfy(member -> {
            assertThat(join(member).progress()).isEqualTo(BatchProgress.UNSEEN);
            assertThat(join(member).positions()).isEqualTo(3);
        });
        assertThat(executions).noneMatch(FakeExecution::abandoned);
        scheduler.advance(POLL.multipliedBy(2));
        assertThat(batchReads()).as("no read once every member is answered").isEqualTo(1);
    }

    @Test
    void aReadFluentRefusesEndsTheAwaitingWithWhatWasSeen() {
        List<CompletableFuture<BatchReceipt>> members = accepted(submit(3));
        simulator.failNextRest(1, 400);

        scheduler.advance(POLL);

        BatchReceipt receipt = join(members.get(1));
        assertThat(receipt.progress()).isEqualTo(BatchProgress.UNSEEN);
        assertThat(receipt.positions()).isEqualTo(3);
    }

    /** Sends the batch; returns once Fluent accepted it and the read and the timeout are due. */
    private List<CompletableFuture<BatchReceipt>> accepted(List<CompletableFuture<BatchReceipt>> members) {
        scheduler.advance(LINGER);
        awaitTimers();
        return members;
    }

    /** Moves time to the next read and waits until it has ended with the next read due. */
    private void read(int reads) {
        scheduler.advance(POLL);
        await().atMost(Duration.ofSeconds(10)).until(() -> batchReads() >= reads);
        awaitTimers();
    }

    private void awaitTimers() {
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.pending() == 2); // the next read and the timeout
    }

    private List<CompletableFuture<BatchReceipt>> submit(int count) {
        List<CompletableFuture<BatchReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(batcher.submit(destination, position("sku-" + i), new FakeExecution(fluent, 3)));
        }
        return futures;
    }

    private static InventoryPosition position(String sku) {
        return new InventoryPosition("L1", sku, 4, null, "LAST_ON_HAND", "ACTIVE");
    }

    private static long batchReads() {
        return simulator.restRequests().stream().filter(r -> r.method().equals("GET") && r.path().contains("/batch/")).count();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
