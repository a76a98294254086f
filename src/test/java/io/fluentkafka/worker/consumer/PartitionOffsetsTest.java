package io.fluentkafka.worker.consumer;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The committable offset never passes an unfinished record, whatever order records finish in. */
class PartitionOffsetsTest {

    @Test
    void commitsUpToTheFirstUnfinishedRecord() {
        PartitionOffsets offsets = new PartitionOffsets();
        for (long offset = 10; offset < 15; offset++) {
            offsets.taken(offset);
        }
        offsets.finished(11);
        offsets.finished(12);
        assertThat(offsets.toCommit()).isEqualTo(OptionalLong.of(10));

        offsets.finished(10);
        assertThat(offsets.toCommit()).isEqualTo(OptionalLong.of(13));

        offsets.finished(14);
        offsets.finished(13);
        assertThat(offsets.toCommit()).isEqualTo(OptionalLong.of(15));
        assertThat(offsets.unfinished()).isZero();
    }

    @Test
    void offersNothingNewAfterACommit() {
        PartitionOffsets offsets = new PartitionOffsets();
        offsets.taken(0);
        offsets.finished(0);
        offsets.committed(1);
        assertThat(offsets.toCommit()).isEmpty();

        offsets.taken(1);
        assertThat(offsets.toCommit()).isEmpty();
        offsets.finished(1);
        assertThat(offsets.toCommit()).isEqualTo(OptionalLong.of(2));
    }
}
