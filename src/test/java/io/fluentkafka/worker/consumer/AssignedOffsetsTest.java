package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.config.ConsumerConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Records the last commit names as finished are not run again; only acknowledged, not abandoned, jobs count. */
class AssignedOffsetsTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);

    private final AssignedOffsets offsets = new AssignedOffsets();

    @Test
    void skipsARecordTheLastCommitNamesAsFinishedAndCommitsPastIt() {
        BitSet finishedAbove = new BitSet();
        finishedAbove.set(1); // offset 11
        int toSkip = offsets.assign(List.of(PARTITION), Map.of(PARTITION, new OffsetAndMetadata(10, CommitMetadata.encode(finishedAbove))));

        assertThat(toSkip).isEqualTo(1);
        Job first = job(10);
        assertThat(offsets.take(first)).isTrue();
        assertThat(offsets.take(job(11))).as("replied before the last commit").isFalse();
        offsets.finished(first, null);

        assertThat(offsets.toCommit(List.of(PARTITION)).get(PARTITION).offset().offset()).isEqualTo(12);
    }

    @Test
    void neitherAFailedNorAnAbandonedJobCountsAsFinished() {
        offsets.assign(List.of(PARTITION), Map.of());
        Job failed = job(0);
        Job abandoned = job(1);
        offsets.take(failed);
        offsets.take(abandoned);
        abandoned.abandonment().abandon();

        offsets.finished(failed, new IllegalStateException("no reply"));
        offsets.finished(abandoned, null);

        assertThat(offsets.held()).containsEntry(PARTITION, new BackPressure.Held(2, 0));
        assertThat(offsets.toCommit(List.of(PARTITION)).get(PARTITION).offset().offset()).isZero();
    }

    @Test
    void forgetsPartitionsTakenAway() {
        offsets.assign(List.of(PARTITION, new TopicPartition("t", 1)), Map.of());
        offsets.forget(List.of(PARTITION));
        assertThat(offsets.partitions()).isEqualTo(1);
        assertThat(offsets.toCommit(List.of(PARTITION))).isEmpty();
    }

    private static Job job(long offset) {
        return new Job(new ConsumerRecord<>("t", 0, offset, null, new byte[0]), ConsumerConfiguration.Ordering.KEY);
    }
}
