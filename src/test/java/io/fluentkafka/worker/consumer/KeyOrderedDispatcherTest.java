package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.command.Abandonment;
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
 * Same key in order, one at a time; different keys concurrently; a revocation or a stop ends waiting for the running
 * jobs concerned; abandoning a partition.
 */
class KeyOrderedDispatcherTest {

    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> finished = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final Map<String, Abandonment> abandonments = new ConcurrentHashMap<>();

    private KeyOrderedDispatcher dispatcher() {
        return new KeyOrderedDispatcher((job, abandonment) -> {
            String name = name(job);
            started.add(name);
            abandonments.put(name, abandonment);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.put(name, done);
            return done;
        }, (job, failure) -> finished.add(name(job) + (failure == null ? "" : " failed")), Runnable::run);
    }

    @Test
    void runsCommandsWithTheSameKeyOneAfterAnotherAndOthersAtOnce() {
        KeyOrderedDispatcher dispatcher = dispatcher();
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
    void ordersRecordsWithoutAKeyWithNothing() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        dispatcher.submit(job(0, 0, null));
        dispatcher.submit(job(0, 1, null));
        assertThat(started).containsExactly("0@0", "0@1");
    }

    @Test
    void sameKeyInAnotherPartitionIsAnotherKey() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(1, 0, "a"));
        assertThat(started).containsExactly("0@0", "1@0");
    }

    @Test
    void byPartitionRunsOneRecordAtATimePerPartition() {
        KeyOrderedDispatcher dispatcher = dispatcher();
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
        KeyOrderedDispatcher dispatcher = dispatcher();
        dispatcher.submit(job(0, 0, "a"));
        dispatcher.submit(job(0, 1, "a"));
        running.get("0@0").completeExceptionally(new IllegalStateException("boom"));
        assertThat(finished).containsExactly("0@0 failed");
        assertThat(started).containsExactly("0@0", "0@1");
    }

    @Test
    void startsEveryJobWhoseKeyIsFree() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        for (int offset = 0; offset < 5; offset++) {
            dispatcher.submit(job(0, offset, "k" + offset));
        }
        assertThat(started).containsExactly("0@0", "0@1", "0@2", "0@3", "0@4");
        assertThat(dispatcher.unfinished()).isEqualTo(5);

        complete("0@1");
        assertThat(dispatcher.unfinished()).isEqualTo(4);
    }

    @Test
    void countsTheBytesOfUnfinishedJobsUntilTheyFinishOrAreDropped() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        Job running0 = new Job(new ConsumerRecord<>("t", 0, 0, "a".getBytes(StandardCharsets.UTF_8), new byte[1000]),
                ConsumerConfiguration.Ordering.KEY);
        ConsumerRecord<byte[], byte[]> withHeader = new ConsumerRecord<>("t", 0, 1, "a".getBytes(StandardCharsets.UTF_8), new byte[500]);
        withHeader.headers().add("trace", new byte[20]);
        Job behindKey = new Job(withHeader, ConsumerConfiguration.Ordering.KEY);
        dispatcher.submit(running0);
        dispatcher.submit(behindKey);
        assertThat(dispatcher.unfinishedBytes()).isEqualTo(1001 + 1 + 500 + 5 + 20);

        dispatcher.dropNotStarted();
        assertThat(dispatcher.unfinishedBytes()).isEqualTo(1001);
        complete("0@0");
        assertThat(dispatcher.unfinishedBytes()).isZero();
    }

    @Test
    void abandoningAPartitionDropsItsWaitingJobsAndMarksItsRunningOnes() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        Job running0 = job(0, 0, "a");
        Job waitingBehindKey = job(0, 1, "a");
        Job otherPartition = job(1, 0, "c");
        List.of(running0, waitingBehindKey, otherPartition).forEach(dispatcher::submit);

        int dropped = dispatcher.abandon(List.of(new TopicPartition("t", 0)));

        assertThat(dropped).isEqualTo(1);
        assertThat(running0.abandoned()).isTrue();
        assertThat(waitingBehindKey.abandoned()).isTrue();
        assertThat(otherPartition.abandoned()).isFalse();
        assertThat(abandonments.get("1@0").await(new CompletableFuture<>())).as("another partition's job may still wait").isNotDone();
        assertThat(dispatcher.unfinished()).isEqualTo(2);
        complete("0@0");
        assertThat(started).containsExactly("0@0", "1@0");
        assertThat(dispatcher.unfinished()).isEqualTo(1);
    }

    @Test
    void aRevokedPartitionsRunningJobsMayFinishButNotWaitAndItSaysWhenTheLastHasFinished() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        Job running0 = job(0, 0, "a");
        Job running1 = job(0, 1, "b");
        Job behindKey = job(0, 2, "a");
        Job otherPartition = job(1, 0, "d");
        List.of(running0, running1, behindKey, otherPartition).forEach(dispatcher::submit);
        CompletableFuture<Void> backOff = abandonments.get("0@1").await(new CompletableFuture<>());

        KeyOrderedDispatcher.Revoked revoked = dispatcher.revoke(List.of(new TopicPartition("t", 0), new TopicPartition("t", 5)));

        assertThat(revoked.dropped()).isEqualTo(1);
        assertThat(behindKey.abandoned()).isTrue();
        assertThat(backOff).as("a wait under way ends").isCompletedExceptionally();
        assertThat(running1.abandoned()).as("gave up waiting: its result will not be committed").isTrue();
        assertThat(running0.abandoned()).as("running: may still finish and be committed").isFalse();
        assertThat(abandonments.get("0@0").await(new CompletableFuture<>())).as("waiting once revoked").isCompletedExceptionally();
        assertThat(abandonments.get("1@0").await(new CompletableFuture<>())).as("another partition's job").isNotDone();
        complete("0@0");
        assertThat(started).as("nothing more of partition 0 starts").containsExactly("0@0", "0@1", "1@0");
        assertThat(revoked.lastFinished()).isNotDone();
        running.get("0@1").completeExceptionally(new CancellationException()); // as the job's chain does
        assertThat(revoked.lastFinished()).isCompleted();
        assertThat(dispatcher.unfinished()).isEqualTo(1);
        assertThat(dispatcher.revoke(List.of(new TopicPartition("t", 7))).lastFinished()).isCompleted();
    }

    @Test
    void aPartitionRevokedAndAbandonedRunsNewJobsThatMayWaitWhenItComesBack() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        dispatcher.submit(job(0, 0, "a"));
        TopicPartition partition = new TopicPartition("t", 0);
        dispatcher.revoke(List.of(partition));
        dispatcher.abandon(List.of(partition));
        complete("0@0");

        dispatcher.submit(job(0, 0, "a"));

        assertThat(started).containsExactly("0@0", "0@0");
        assertThat(abandonments.get("0@0").await(new CompletableFuture<>())).isNotDone();
    }

    @Test
    void stoppingDropsWhatHasNotStartedAndEndsWaitingForRunningJobsAndAnyStartedLater() {
        KeyOrderedDispatcher dispatcher = dispatcher();
        Job running0 = job(0, 0, "a");
        Job behind = job(0, 1, "a");
        List.of(running0, behind).forEach(dispatcher::submit);
        CompletableFuture<Void> backOff = abandonments.get("0@0").await(new CompletableFuture<>());

        assertThat(dispatcher.dropNotStarted()).isEqualTo(1);

        assertThat(backOff).isCompletedExceptionally();
        assertThat(behind.abandoned()).isTrue();
        dispatcher.submit(job(2, 0, "c"));
        assertThat(abandonments.get("2@0").await(new CompletableFuture<>())).as("waiting once stopping").isCompletedExceptionally();
        running.get("0@0").completeExceptionally(new CancellationException());
        running.get("2@0").completeExceptionally(new CancellationException());
        assertThat(dispatcher.unfinished()).isZero();
    }

    @Test
    void jobsWhoseWaitEndsAtOnceWhenTheirPartitionGoesFinishOutsideTheLock() {
        List<String> ended = new CopyOnWriteArrayList<>();
        KeyOrderedDispatcher dispatcher = new KeyOrderedDispatcher((job, abandonment) -> abandonment.await(new CompletableFuture<>()),
                (job, failure) -> ended.add(name(job)), Runnable::run);
        for (int offset = 0; offset < 4; offset++) {
            dispatcher.submit(job(0, offset, "k" + offset));
            dispatcher.submit(job(1, offset, "k" + offset));
        }

        KeyOrderedDispatcher.Revoked revoked = dispatcher.revoke(List.of(new TopicPartition("t", 0)));
        dispatcher.abandon(List.of(new TopicPartition("t", 1)));

        assertThat(revoked.lastFinished()).isCompleted();
        assertThat(ended).hasSize(8);
        assertThat(dispatcher.unfinished()).isZero();
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
