package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

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
            offsets.taken(offset, 0);
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
    void countsTheBytesOfTheRecordsNotFinished() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.taken(0, 1_000_000);
        offsets.taken(1, 500);
        offsets.taken(2, 70);
        offsets.finished(0);
        offsets.finished(2);

        assertThat(offsets.unfinished()).isEqualTo(1);
        assertThat(offsets.unfinishedBytes()).isEqualTo(500);
    }

    @Test
    void offersNothingNewAfterACommitUntilSomethingChanges() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.taken(0, 0);
        offsets.finished(0);
        offsets.committed(offsets.toCommit().orElseThrow());
        assertThat(offsets.toCommit()).isEmpty();

        offsets.taken(1, 0);
        offsets.finished(1);
        assertThat(offsets.toCommit().orElseThrow().offset().offset()).isEqualTo(2);
    }

    @Test
    void theNextOwnerSkipsWhatFinishedAboveTheCommittedOffset() {
        PartitionOffsets first = new PartitionOffsets();
        for (long offset = 100; offset < 106; offset++) {
            first.taken(offset, 0);
        }
        first.finished(101);
        first.finished(103);
        first.finished(104);
        OffsetAndMetadata commit = first.toCommit().orElseThrow().offset();
        assertThat(commit.offset()).isEqualTo(100);

        PartitionOffsets next = new PartitionOffsets(commit);

        assertThat(LongStream.range(98, 108).filter(next::finishedBefore).boxed().toList())
                .containsExactly(101L, 103L, 104L);
    }

    @Test
    void keepsNamingWhatThePreviousOwnerFinishedUntilTheCommittedOffsetPassesIt() {
        OffsetAndMetadata inherited = commitOf(100, 151, 100, 120); // 101..150 finished, except 120
        PartitionOffsets owner = new PartitionOffsets(inherited);

        owner.taken(100, 0); // fetched alone: nothing above it taken yet
        OffsetAndMetadata whileRunning = owner.toCommit().orElseThrow().offset();
        assertThat(whileRunning.offset()).isEqualTo(100);
        assertThat(skippedBy(whileRunning, 90, 160)).isEqualTo(skippedBy(inherited, 90, 160));

        owner.finished(100);
        OffsetAndMetadata afterIt = owner.toCommit().orElseThrow().offset();
        assertThat(afterIt.offset()).as("past 101..119, which the previous owner finished").isEqualTo(120);
        assertThat(skippedBy(afterIt, 90, 160)).isEqualTo(LongStream.range(121, 151).boxed().toList());
    }

    @Test
    void namesInheritedAndOwnFinishedRecordsTogether() {
        PartitionOffsets owner = new PartitionOffsets(commitOf(0, 10, 0, 3, 7)); // 1, 2, 4, 5, 6, 8, 9 finished
        for (long offset = 0; offset < 7; offset++) {
            owner.taken(offset, 0);
            if (owner.finishedBefore(offset)) {
                owner.finished(offset);
            }
        }
        owner.finished(3);

        OffsetAndMetadata commit = owner.toCommit().orElseThrow().offset();

        assertThat(commit.offset()).isZero();
        assertThat(skippedBy(commit, 0, 20)).as("3 finished here, 7 neither here nor before")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L);
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
        offsets.taken(0, 0);
        for (long offset = 1; offset < 100_000; offset++) {
            offsets.taken(offset, 0);
            offsets.finished(offset);
        }
        String metadata = offsets.toCommit().orElseThrow().offset().metadata();
        assertThat(metadata.length()).isLessThanOrEqualTo(4096);
        PartitionOffsets next = new PartitionOffsets(new OffsetAndMetadata(0, metadata));
        assertThat(next.finishedBefore(CommitMetadata.MAX_RECORDS - 1)).isTrue();
        assertThat(next.finishedBefore(CommitMetadata.MAX_RECORDS)).isFalse();
    }

    /** The commit of an owner that took {@code [from, to)} and finished all but {@code unfinished}. */
    private static OffsetAndMetadata commitOf(long from, long to, long... unfinished) {
        PartitionOffsets owner = new PartitionOffsets();
        for (long offset = from; offset < to; offset++) {
            owner.taken(offset, 0);
        }
        LongStream.range(from, to).filter(offset -> LongStream.of(unfinished).noneMatch(u -> u == offset)).forEach(owner::finished);
        return owner.toCommit().orElseThrow().offset();
    }

    /** The records of {@code [from, to)} that an owner starting from {@code commit} skips as finished. */
    private static List<Long> skippedBy(OffsetAndMetadata commit, long from, long to) {
        PartitionOffsets next = new PartitionOffsets(commit);
        return LongStream.range(from, to).filter(next::finishedBefore).boxed().toList();
    }
}
