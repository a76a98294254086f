package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.config.InventoryConfiguration;
import io.fluentkafka.worker.fluent.FluentClient;
import io.fluentkafka.worker.fluent.FluentRejectedException;
import io.fluentkafka.worker.fluent.SimulatorConnections;
import io.fluentkafka.worker.support.fluent.FluentSimulator;
import io.fluentkafka.worker.support.fluent.RecordedRequest;
import io.fluentkafka.worker.time.ManualScheduler;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batcher against the Fluent simulator over HTTP, with time moved by hand: batches leave when full or after the
 * linger, share one job per connection, retailer and UTC day, and end every member's future.
 */
class InventoryBatcherTest {

    private static final Duration LINGER = Duration.ofSeconds(2);
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
    void freshBatcher() {
        simulator.reset();
        start(Instant.parse("2026-03-01T10:00:00Z"));
    }

    private void start(Instant now) {
        scheduler = new ManualScheduler(now);
        batcher = new InventoryBatcher(InventoryConfiguration.defaults(), scheduler);
        destination = new Destination(fluent, "1", "DEFAULT:1");
    }

    @Test
    void sendsABatchAsSoonAsItHoldsFiveThousandPositions() {
        List<CompletableFuture<BatchReceipt>> full = submit(5000, "full", 7);
        CompletableFuture<BatchReceipt> next = submit(1, "next", 7).get(0);

        BatchReceipt receipt = join(full.get(0));
        assertThat(full).allSatisfy(f -> assertThat(join(f)).isEqualTo(receipt));
        assertThat(receipt.positions()).isEqualTo(5000);
        assertThat(batchPosts()).hasSize(1);
        assertThat(simulator.inventory("1", "DEFAULT:1", "L1", "full-4999")).contains(7);
        assertThat(next).isNotDone();
    }

    @Test
    void sendsABatchWhenItsLingerHasPassed() {
        List<CompletableFuture<BatchReceipt>> three = submit(3, "sku", 5);

        scheduler.advance(LINGER.minusMillis(1));
        assertThat(simulator.restRequests()).isEmpty();
        scheduler.advance(Duration.ofMillis(1));

        assertThat(join(three.get(2)).positions()).isEqualTo(3);
        assertThat(simulator.inventory("1", "DEFAULT:1", "L1", "sku-2")).contains(5);
    }

    @Test
    void reusesOneJobForEveryBatchOfTheDay() {
        BatchReceipt first = flushed(submit(2, "a", 1));
        BatchReceipt second = flushed(submit(2, "b", 1));

        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(second.batchId()).isNotEqualTo(first.batchId());
        assertThat(jobPosts()).hasSize(1);
        assertThat(simulator.jobs()).singleElement().satisfies(job ->
                assertThat(job.get("name")).isEqualTo("fluent-kafka-worker inventory 2026-03-01"));
    }

    @Test
    void opensANewJobOnTheNextUtcDay() {
        start(Instant.parse("2026-03-01T23:59:00Z"));
        BatchReceipt today = flushed(submit(1, "a", 1));
        scheduler.advance(Duration.ofMinutes(1));
        BatchReceipt tomorrow = flushed(submit(1, "b", 1));

        assertThat(tomorrow.jobId()).isNotEqualTo(today.jobId());
        assertThat(simulator.jobs()).extracting(job -> job.get("name")).containsExactlyInAnyOrder(
                "fluent-kafka-worker inventory 2026-03-01", "fluent-kafka-worker inventory 2026-03-02");
    }

    @Test
    void aRetryRepostsTheBatchIntoTheSameJobNeverTheJob() {
        BatchReceipt first = flushed(submit(1, "a", 1));
        simulator.failNextRest(2, 503);

        BatchReceipt retried = flushed(submit(2, "b", 4));

        assertThat(retried.jobId()).isEqualTo(first.jobId());
        assertThat(jobPosts()).hasSize(1);
        assertThat(batchPosts()).hasSize(1 + 3);
        assertThat(simulator.inventory("1", "DEFAULT:1", "L1", "b-1")).contains(4);
    }

    @Test
    void aBatchThatFinallyFailsFailsEveryMember() {
        flushed(submit(1, "a", 1));
        simulator.failNextRest(1, 400);
        List<CompletableFuture<BatchReceipt>> members = submit(3, "b", 1);
        scheduler.advance(LINGER);

        for (CompletableFuture<BatchReceipt> member : members) {
            await().atMost(Duration.ofSeconds(10)).until(member::isDone);
            assertThat(member).isCompletedExceptionally();
            assertThat(member.handle((ok, failure) -> failure).join()).isInstanceOf(FluentRejectedException.class);
        }
        assertThat(simulator.inventory("1", "DEFAULT:1", "L1", "b-0")).isEmpty();
    }

    @Test
    void aJobThatCouldNotBeCreatedIsCreatedAgainForTheNextBatch() {
        simulator.failNextRest(3, 503); // every attempt of the job creation's step
        List<CompletableFuture<BatchReceipt>> failed = submit(2, "a", 1);
        scheduler.advance(LINGER);
        await().atMost(Duration.ofSeconds(10)).until(() -> failed.stream().allMatch(CompletableFuture::isDone));
        assertThat(failed).allSatisfy(member -> assertThat(member).isCompletedExceptionally());

        BatchReceipt next = flushed(submit(1, "b", 2));

        assertThat(jobPosts()).hasSize(3 + 1);
        assertThat(simulator.jobs()).singleElement().satisfies(job -> assertThat(job.get("jobId")).isEqualTo(next.jobId()));
    }

    @Test
    void replacesAJobFluentHasClosed() {
        BatchReceipt first = flushed(submit(1, "a", 1));
        simulator.closeJobs();

        BatchReceipt second = flushed(submit(1, "b", 2));

        assertThat(second.jobId()).isNotEqualTo(first.jobId());
        assertThat(jobPosts()).hasSize(2);
        assertThat(simulator.inventory("1", "DEFAULT:1", "L1", "b-0")).contains(2);
    }

    @Test
    void anAbandonedDriverLeavesTheOtherMembersToFinish() {
        FakeExecution abandoned = new FakeExecution(fluent, 3);
        CompletableFuture<BatchReceipt> driver = batcher.submit(destination, position("x", 1), abandoned);
        List<CompletableFuture<BatchReceipt>> others = submit(2, "y", 3);

        abandoned.abandon(); // its partition moved on: the batch goes at once, without it

        BatchReceipt receipt = join(others.get(0));
        assertThat(receipt.positions()).as("an abandoned member's position is not sent: its partition's next owner sends it").isEqualTo(2);
        assertThat(driver.handle((ok, failure) -> failure).join()).isInstanceOf(CancellationException.class);
        assertThat(abandoned.calls()).isZero();
        assertThat(simulator.inventory("1", "DEFAULT:1", "L1", "x")).isEmpty();
    }

    @Test
    void aBatchWhoseMembersAllGiveUpOneAfterAnotherEndsEveryMemberWithoutDeepeningOneStack() {
        CompletableFuture<Void> partitionRevoked = new CompletableFuture<>();
        List<CompletableFuture<BatchReceipt>> members = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            members.add(batcher.submit(destination, position("r-" + i, 1), new FakeExecution(fluent, 3, partitionRevoked)));
        }

        partitionRevoked.complete(null);

        await().atMost(Duration.ofSeconds(30)).until(() -> members.stream().allMatch(CompletableFuture::isDone));
        assertThat(members).allSatisfy(member -> assertThat(member.handle((ok, failure) -> failure).join())
                .isInstanceOf(CancellationException.class));
        assertThat(batchPosts()).isEmpty();
    }

    @Test
    void sendsItsOpenBatchAtOnceWhenAMemberMayNoLongerWait() {
        List<CompletableFuture<BatchReceipt>> two = submit(2, "a", 1);
        FakeExecution stopping = new FakeExecution(fluent, 3);
        CompletableFuture<BatchReceipt> third = batcher.submit(destination, position("c", 2), stopping);

        stopping.endWaiting(); // the worker stops: the batch does not wait out its linger

        assertThat(join(third).positions()).isEqualTo(3);
        assertThat(join(two.get(0))).isEqualTo(join(third));
        assertThat(scheduler.nanoTime()).as("no time has passed").isZero();
        assertThat(simulator.inventory("1", "DEFAULT:1", "L1", "c")).contains(2);
    }

    @Test
    void aRetailerIdWithLeadingZerosSharesTheJobAndBatchOfItsCanonicalForm() {
        CompletableFuture<BatchReceipt> padded = batcher.submit(new Destination(fluent, "0042", "DEFAULT:42"), position("p", 1),
                new FakeExecution(fluent, 3));
        CompletableFuture<BatchReceipt> plain = batcher.submit(new Destination(fluent, "42", "DEFAULT:42"), position("q", 2),
                new FakeExecution(fluent, 3));
        scheduler.advance(LINGER);

        assertThat(join(padded)).isEqualTo(join(plain));
        assertThat(join(plain).positions()).isEqualTo(2);
        assertThat(simulator.jobs()).singleElement().satisfies(job -> assertThat(job.get("retailerId")).isEqualTo("42"));
        assertThat(simulator.inventory("42", "DEFAULT:42", "L1", "p")).contains(1);
    }

    @Test
    void aBatchThatFilledUpIsNotKeptReachableByItsLingerTimer() {
        batcher = new InventoryBatcher(new InventoryConfiguration(LINGER, 2, false, Duration.ofMinutes(1), Duration.ofSeconds(5)), scheduler);
        List<CompletableFuture<BatchReceipt>> members = new ArrayList<>();
        WeakReference<FakeExecution> member = submitted("m-0", members);
        submitted("m-1", members);
        members.forEach(InventoryBatcherTest::join);

        assertThat(scheduler.pending()).as("the linger timer has not fired").isPositive();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            return member.get() == null;
        });
    }

    /** Submits a position; only the result holds its execution, weakly. */
    private WeakReference<FakeExecution> submitted(String sku, List<CompletableFuture<BatchReceipt>> into) {
        FakeExecution execution = new FakeExecution(fluent, 3);
        into.add(batcher.submit(destination, position(sku, 1), execution));
        return new WeakReference<>(execution);
    }

    private List<CompletableFuture<BatchReceipt>> submit(int count, String skuPrefix, int qty) {
        List<CompletableFuture<BatchReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(batcher.submit(destination, position(skuPrefix + "-" + i, qty), new FakeExecution(fluent, 3)));
        }
        return futures;
    }

    private BatchReceipt flushed(List<CompletableFuture<BatchReceipt>> members) {
        scheduler.advance(LINGER);
        return join(members.get(0));
    }

    private static InventoryPosition position(String sku, int qty) {
        return new InventoryPosition("L1", sku, qty, null, "LAST_ON_HAND", "ACTIVE");
    }

    private static List<RecordedRequest> jobPosts() {
        return simulator.restRequests().stream().filter(r -> r.method().equals("POST") && r.path().equals("/api/v4.1/job")).toList();
    }

    private static List<RecordedRequest> batchPosts() {
        return simulator.restRequests().stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/batch")).toList();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
