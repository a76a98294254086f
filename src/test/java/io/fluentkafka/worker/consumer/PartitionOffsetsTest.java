package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committable offset never passes an unfinished record, whatever order records finish in, and the records
 * that finished above it are named in the commit so that the partition's next owner skips exactly those.
 */
class PartitionOffsetsTest {

    @Test
    void commitsUpToTheFirstUnfinishedRecord() {
        PartitionOffsets offsets = new PartitionOffsets();
        for (long offset = 10; offset < 15; offset++) {
            offsets.taken(offset);
        }
        offsets.finished(11);
        offsets.finished(12);
        assertThat(offsets.toCommit().orElseThrow().offset().offset()).isEqualTo(10);

        offsets.finished(10);
        assertThat(offsets.toCommit().orElseThrow().offset().offset()).isEqualTo(13);

        offsets.finished(14);
        offsets.finished(13);
        assertThat(offsets.toCommit().orElseThrow().offset()).isEqualTo(new OffsetAndMetadata(15, ""));
        assertThat(offsets.unfinished()).isZero();
    }

    @Test
    void offersNothingNewAfterACommitUntilSomethingChanges() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.taken(0);
        offsets.finished(0);
        offsets.committed(offsets.toCommit().orElseThrow());
        assertThat(offsets.toCommit()).isEmpty();

        offsets.taken(1);
        offsets.finished(1);
        assertThat(offsets.toCommit().orElseThrow().offset().offset()).isEqualTo(2);
    }

    @Test
    void theNextOwnerSkipsWhatFinishedAboveTheCommittedOffset() {
        PartitionOffsets first = new PartitionOffsets();
        for (long offset = 100; offset < 106; offset++) {
            first.taken(offset);
        }
        first.finished(101);
        first.finished(103);
        first.finished(104);
        OffsetAndMetadata commit = first.toCommit().orElseThrow().offset();
        assertThat(commit.offset()).isEqualTo(100);

        PartitionOffsets next = new PartitionOffsets(commit);

        assertThat(java.util.stream.LongStream.range(98, 108).filter(next::finishedBefore).boxed().toList())
                .containsExactly(101L, 103L, 104L);
    }

    @Test
    void ignoresMetadataItDidNotWrite() {
        PartitionOffsets next = new PartitionOffsets(new OffsetAndMetadata(5, "written by someone else"));
        assertThat(next.finishedBefore(5)).isFalse();
        assertThat(next.finishedBefore(6)).isFalse();
    }

    @Test
    void describesAtMostWhatFitsKafkasMetadataLimit() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.taken(0);
        for (long offset = 1; offset < 100_000; offset++) {
            offsets.taken(offset);
            offsets.finished(offset);
        }
        String metadata = offsets.toCommit().orElseThrow().offset().metadata();
        assertThat(metadata.length()).isLessThanOrEqualTo(4096);
        PartitionOffsets next = new PartitionOffsets(new OffsetAndMetadata(0, metadata));
        assertThat(next.finishedBefore(CommitMetadata.MAX_RECORDS - 1)).isTrue();
        assertThat(next.finishedBefore(CommitMetadata.MAX_RECORDS)).isFalse();
    }
}
