package io.fluentkafka.worker.consumer;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each partition pauses at its share of the record bound or of the byte bound, whichever it reaches first, and
 * resumes at half of both; at either bound for the whole worker every partition pauses until half of both finished.
 */
class BackPressureTest {

    private static final TopicPartition A = new TopicPartition("t", 0);
    private static final TopicPartition B = new TopicPartition("t", 1);
    private static final Set<TopicPartition> BOTH = Set.of(A, B);
    private static final long MB = 1 << 20;

    private final BackPressure backPressure = new BackPressure(2000, 64 * MB); // shares: 1000 records, 32 MB

    @Test
    void pausesAPartitionAtItsShareOfBytesLongBeforeItsShareOfRecords() {
        BackPressure.Decision decision = decide(Map.of(A, held(32, 32 * MB), B, held(10, MB)), Set.of());

        assertThat(decision.pause()).containsExactly(A);
        assertThat(decision.resume()).isEmpty();
        assertThat(backPressure.full()).isFalse();
    }

    @Test
    void resumesAPartitionOnceItHoldsHalfItsShareOfBothRecordsAndBytes() {
        assertThat(decide(Map.of(A, held(20, 17 * MB)), Set.of(A)).resume()).isEmpty();
        assertThat(decide(Map.of(A, held(20, 16 * MB)), Set.of(A)).resume()).containsExactly(A);
        assertThat(decide(Map.of(A, held(501, MB)), Set.of(A)).resume()).as("half the records share is 500").isEmpty();
    }

    @Test
    void pausesEveryPartitionAtTheByteBoundUntilHalfOfItHasFinished() {
        assertThat(decide(Map.of(A, held(30, 31 * MB), B, held(30, 31 * MB)), held(60, 64 * MB), Set.of()).pause())
                .containsExactlyInAnyOrder(A, B);
        assertThat(backPressure.full()).isTrue();

        assertThat(decide(Map.of(A, held(20, 10 * MB)), held(20, 33 * MB), BOTH).resume()).isEmpty();
        assertThat(decide(Map.of(A, held(20, 10 * MB)), held(20, 32 * MB), BOTH).resume()).containsExactlyInAnyOrder(A, B);
        assertThat(backPressure.full()).isFalse();
    }

    @Test
    void stillTakesARecordLargerThanTheWholeBoundAlone() {
        BackPressure tight = new BackPressure(2000, MB);

        assertThat(tight.decide(BOTH, Map.of(), held(0, 0), Set.of()).pause()).as("nothing held, nothing paused").isEmpty();
        assertThat(tight.decide(BOTH, Map.of(A, held(1, 2 * MB)), held(1, 2 * MB), Set.of()).pause()).containsExactlyInAnyOrder(A, B);
        assertThat(tight.decide(BOTH, Map.of(), held(0, 0), BOTH).resume()).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void countsRecordsAsBefore() {
        assertThat(decide(Map.of(A, held(1000, MB)), Set.of()).pause()).containsExactly(A);
        assertThat(decide(Map.of(A, held(2000, MB)), held(2000, MB), Set.of()).pause()).containsExactlyInAnyOrder(A, B);
    }

    private BackPressure.Decision decide(Map<TopicPartition, BackPressure.Held> held, Set<TopicPartition> paused) {
        long bytes = held.values().stream().mapToLong(BackPressure.Held::bytes).sum();
        int records = held.values().stream().mapToInt(BackPressure.Held::records).sum();
        return decide(held, held(records, bytes), paused);
    }

    private BackPressure.Decision decide(Map<TopicPartition, BackPressure.Held> held, BackPressure.Held total, Set<TopicPartition> paused) {
        return backPressure.decide(BOTH, held, total, paused);
    }

    private static BackPressure.Held held(int records, long bytes) {
        return new BackPressure.Held(records, bytes);
    }
}
