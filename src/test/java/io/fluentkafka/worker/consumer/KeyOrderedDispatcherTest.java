package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.command.InFlight;
import io.fluentkafka.worker.config.ConsumerConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same key in order, one at a time; different keys concurrently up to the bound; a waiting job steps out and comes
 * back first; abandoning a partition.
 */
class KeyOrderedDispatcherTest {

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> finished = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final Map<String, InFlight> places = new ConcurrentHashMap<>();

    private KeyOrderedDispatcher dispatcher(int maxInFlight) {
        return new KeyOrderedDispatcher(maxInFlight, (job, place) -> {
            String name = name(job);
            started.add(name);
            places.put(name, place);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.put(name, done);
            return done;
        }, (job, failure) -> finished.add(name(job) + (failure == null ? "" : " failed")), Runnable::run);
    }

    @Test
    void runsCommandsWithTheSameKeyOneAfterAnotherAndOthersAtOnce() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(0, 1, "a"));
        dispatcher.submit(job(0, 2, "b"));
        dispatcher.submit(job(0, 3, "a"));

        assertThat(started).containsExactly("0@0", "0@2");
        complete("0@0");
        assertThat(started).containsExactly("0@0", "0@2", "0@1");
        complete("0@1");
        assertThat(started).containsExactly("0@0", "0@2", "0@1", "0@3");
        complete("0@3");
        complete("0@2");
        assertThat(finished).containsExactly("0@0", "0@1", "0@3", "0@2");
        assertThat(dispatcher.unfinished()).isZero();
    }

    @Test
    void keepsAtMostMaxInFlightRunningAndStartsTheNextWhenOneFinishes() {
        KeyOrderedDispatcher dispatcher = dispatcher(2);
        for (int offset = 0; offset < 5; offset++) {
            dispatcher.submit(job(0, offset, "k" + offset));
        }
        assertThat(started).containsExactly("0@0", "0@1");
        assertThat(dispatcher.running()).isEqualTo(2);
        assertThat(dispatcher.unfinished()).isEqualTo(5);

        complete("0@1");
        assertThat(started).containsExactly("0@0", "0@1", "0@2");
        assertThat(dispatcher.running()).isEqualTo(2);
        assertThat(dispatcher.unfinished()).isEqualTo(4);
    }

    @Test
    void countsTheBytesOfUnfinishedJobsUntilTheyFinishOrAreDropped() {
        KeyOrderedDispatcher dispatcher = dispatcher(1);
        Job running0 = new Job(new ConsumerRecord<>("t", 0, 0, "a".getBytes(StandardCharsets.UTF_8), new byte[1000]),
                ConsumerConfiguration.Ordering.KEY);
        ConsumerRecord<byte[], byte[]> withHeader = new ConsumerRecord<>("t", 0, 1, "b".getBytes(StandardCharsets.UTF_8), new byte[500]);
        withHeader.headers().add("trace", new byte[20]);
        Job waiting = new Job(withHeader, ConsumerConfiguration.Ordering.KEY);
        dispatcher.submit(running0);
        dispatcher.submit(waiting);
        assertThat(dispatcher.unfinishedBytes()).isEqualTo(1001 + 1 + 500 + 5 + 20);

        dispatcher.dropNotStarted();
        assertThat(dispatcher.unfinishedBytes()).isEqualTo(1001);
        complete("0@0");
        assertThat(dispatcher.unfinishedBytes()).isZero();
    }

    @Test
    void ordersRecordsWithoutAKeyWithNothing() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        dispatcher.submit(job(0, 0, null));
        dispatcher.submit(job(0, 1, null));
        assertThat(started).containsExactly("0@0", "0@1");
    }

    @Test
    void sameKeyInAnotherPartitionIsAnotherKey() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(1, 0, "a"));
        assertThat(started).containsExactly("0@0", "1@0");
    }

    @Test
    void abandoningAPartitionDropsItsWaitingJobsAndMarksItsRunningOnes() {
        KeyOrderedDispatcher dispatcher = dispatcher(1);
        Job running0 = job(0, 0, "a");
        Job waitingBehindKey = job(0, 1, "a");
        Job waitingForSlot = job(0, 2, "b");
        Job otherPartition = job(1, 0, "c");
        List.of(running0, waitingBehindKey, waitingForSlot, otherPartition).forEach(dispatcher::submit);

        int dropped = dispatcher.abandon(List.of(new TopicPartition("t", 0)));

        assertThat(dropped).isEqualTo(2);
        assertThat(running0.abandoned()).isTrue();
        assertThat(waitingBehindKey.abandoned()).isTrue();
        assertThat(otherPartition.abandoned()).isFalse();
        assertThat(dispatcher.unfinished()).isEqualTo(2);
        complete("0@0");
        assertThat(started).containsExactly("0@0", "1@0");
        assertThat(dispatcher.unfinished()).isEqualTo(1);
    }

    @Test
    void startsNothingMoreOfARevokedPartitionAndSaysWhenItsLastRunningJobFinished() {
        KeyOrderedDispatcher dispatcher = dispatcher(2);
        Job running0 = job(0, 0, "a");
        Job running1 = job(0, 1, "b");
        Job behindKey = job(0, 2, "a");
        Job waitingForPlace = job(0, 3, "c");
        Job otherPartition = job(1, 0, "d");
        List.of(running0, running1, behindKey, waitingForPlace, otherPartition).forEach(dispatcher::submit);

        KeyOrderedDispatcher.Revoked revoked = dispatcher.revoke(List.of(new TopicPartition("t", 0)));

        assertThat(revoked.dropped()).isEqualTo(2);
        assertThat(behindKey.abandoned()).isTrue();
        assertThat(waitingForPlace.abandoned()).isTrue();
        assertThat(running0.abandoned()).as("running: may still finish and be committed").isFalse();
        complete("0@0");
        assertThat(started).as("a place is free, and 0@2's key too").containsExactly("0@0", "0@1", "1@0");
        assertThat(revoked.lastFinished()).isNotDone();
        complete("0@1");
        assertThat(revoked.lastFinished()).isCompleted();
        assertThat(finished).containsExactly("0@0", "0@1");
        assertThat(dispatcher.unfinished()).isEqualTo(1);
    }

    @Test
    void aRevokedPartitionWithNothingRunningIsDoneAtOnceAndItsWaitingJobsAreCancelled() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(0, 1, "b"));
        CompletableFuture<Void> backOff = places.get("0@0").stepOutUntil(new CompletableFuture<>());

        KeyOrderedDispatcher.Revoked revoked = dispatcher.revoke(List.of(new TopicPartition("t", 0), new TopicPartition("t", 5)));

        assertThat(backOff).isCompletedExceptionally();
        assertThat(places.get("0@1").stepOutUntil(new CompletableFuture<>())).as("stepping out once revoked")
                .isCompletedExceptionally();
        assertThat(revoked.lastFinished()).isNotDone();
        running.get("0@0").completeExceptionally(new CancellationException()); // as the job's chain does
        running.get("0@1").completeExceptionally(new CancellationException());
        assertThat(revoked.lastFinished()).isCompleted();
        assertThat(dispatcher.revoke(List.of(new TopicPartition("t", 7))).lastFinished()).isCompleted();
    }

    @Test
    void aPartitionRevokedAndAbandonedRunsNewJobsWhenItComesBack() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        dispatcher.submit(job(0, 0, "a"));
        TopicPartition partition = new TopicPartition("t", 0);
        dispatcher.revoke(List.of(partition));
        dispatcher.abandon(List.of(partition));
        complete("0@0");

        dispatcher.submit(job(0, 0, "a"));
        CompletableFuture<Void> backOff = places.get("0@0").stepOutUntil(new CompletableFuture<>());

        assertThat(started).containsExactly("0@0", "0@0");
        assertThat(backOff).isNotDone();
    }

    @Test
    void droppingWhatHasNotStartedLeavesRunningJobsToFinish() {
        KeyOrderedDispatcher dispatcher = dispatcher(1);
        Job running0 = job(0, 0, "a");
        Job behind = job(0, 1, "a");
        Job waitingForSlot = job(1, 0, "b");
        List.of(running0, behind, waitingForSlot).forEach(dispatcher::submit);

        assertThat(dispatcher.dropNotStarted()).isEqualTo(2);

        assertThat(running0.abandoned()).isFalse();
        assertThat(behind.abandoned()).isTrue();
        assertThat(waitingForSlot.abandoned()).isTrue();
        assertThat(dispatcher.unfinished()).isEqualTo(1);
        complete("0@0");
        assertThat(started).containsExactly("0@0");
        assertThat(dispatcher.unfinished()).isZero();
    }

    @Test
    void byPartitionRunsOneRecordAtATimePerPartition() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        ConsumerConfiguration.Ordering byPartition = ConsumerConfiguration.Ordering.PARTITION;
        dispatcher.submit(new Job(new ConsumerRecord<>("t", 0, 0, "a".getBytes(StandardCharsets.UTF_8), new byte[0]), byPartition));
        dispatcher.submit(new Job(new ConsumerRecord<>("t", 0, 1, "b".getBytes(StandardCharsets.UTF_8), new byte[0]), byPartition));
        dispatcher.submit(new Job(new ConsumerRecord<>("t", 1, 0, "c".getBytes(StandardCharsets.UTF_8), new byte[0]), byPartition));

        assertThat(started).containsExactly("0@0", "1@0");
        complete("0@0");
        assertThat(started).containsExactly("0@0", "1@0", "0@1");
    }

    @Test
    void aFailedJobStillFreesItsKeyAndSlot() {
        KeyOrderedDispatcher dispatcher = dispatcher(1);
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(0, 1, "a"));
        running.get("0@0").completeExceptionally(new IllegalStateException("boom"));
        assertThat(finished).containsExactly("0@0 failed");
        assertThat(started).containsExactly("0@0", "0@1");
    }

    @Test
    void aWaitingJobGivesUpItsPlaceAndComesBackAheadOfJobsNotStarted() {
        KeyOrderedDispatcher dispatcher = dispatcher(1);
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(0, 1, "b"));
        dispatcher.submit(job(0, 2, "c"));
        CompletableFuture<Void> backOff = new CompletableFuture<>();

        CompletableFuture<Void> back = places.get("0@0").stepOutUntil(backOff);
        assertThat(started).containsExactly("0@0", "0@1");
        assertThat(dispatcher.running()).isEqualTo(1);

        backOff.complete(null);
        assertThat(back).isNotDone(); // no free place yet
        complete("0@1");
        assertThat(back).isCompleted();
        assertThat(started).containsExactly("0@0", "0@1");
        complete("0@0");
        assertThat(started).containsExactly("0@0", "0@1", "0@2");
    }

    @Test
    void aJobThatSteppedOutStillHoldsUpItsKey() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(0, 1, "a"));
        CompletableFuture<Void> backOff = new CompletableFuture<>();
        places.get("0@0").stepOutUntil(backOff);

        assertThat(started).containsExactly("0@0");
        backOff.complete(null);
        complete("0@0");
        assertThat(started).containsExactly("0@0", "0@1");
    }

    @Test
    void stoppingCancelsJobsThatSteppedOutAndAbandoningCancelsThoseOfItsPartitions() {
        KeyOrderedDispatcher dispatcher = dispatcher(10);
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(1, 0, "b"));
        CompletableFuture<Void> backOfPartition0 = places.get("0@0").stepOutUntil(new CompletableFuture<>());
        CompletableFuture<Void> backOfPartition1 = places.get("1@0").stepOutUntil(new CompletableFuture<>());

        assertThat(dispatcher.abandon(List.of(new TopicPartition("t", 0)))).isEqualTo(1);
        assertThat(backOfPartition0).isCompletedExceptionally();
        assertThat(backOfPartition1).isNotDone();
        running.get("0@0").completeExceptionally(new CancellationException()); // as the job's chain does
        assertThat(dispatcher.unfinished()).isEqualTo(1);

        dispatcher.submit(job(2, 0, "c"));
        assertThat(dispatcher.dropNotStarted()).isEqualTo(1);
        assertThat(backOfPartition1).isCompletedExceptionally();
        running.get("1@0").completeExceptionally(new CancellationException());
        assertThat(places.get("2@0").stepOutUntil(new CompletableFuture<>())).as("stepping out once stopping")
                .isCompletedExceptionally();
        running.get("2@0").completeExceptionally(new CancellationException());
        assertThat(dispatcher.unfinished()).isZero();
        assertThat(dispatcher.running()).isZero();
    }

    private void complete(String name) {
        running.get(name).complete(null);
    }

    private static String name(Job job) {
        return job.partition().partition() + "@" + job.record().offset();
    }

    private static Job job(int partition, long offset, String key) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new Job(new ConsumerRecord<>("t", partition, offset, keyBytes, new byte[0]), ConsumerConfiguration.Ordering.KEY);
    }
}
