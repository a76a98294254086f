package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.command.CommandType;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Processes one polled batch of command records and commits what is safe to commit.
 *
 * <p>Contract: records with the same key run one after another in offset order; records with different keys run
 * concurrently. The call returns when every record has finished. For each partition the offset is committed up
 * to, not past, the first record whose reply or dead letter Kafka did not acknowledge; the consumer is then
 * rewound to that record so it is processed again.
 */
@Singleton
final class CommandBatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CommandBatchProcessor.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final CommandRecordProcessor records;

    CommandBatchProcessor(CommandRecordProcessor records) {
        this.records = records;
    }

    void process(CommandType type, List<ConsumerRecord<byte[], byte[]>> batch, Consumer<?, ?> consumer) {
        Map<Object, CompletableFuture<Void>> lastByKey = new HashMap<>();
        List<CompletableFuture<Void>> finished = new ArrayList<>(batch.size());
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            Object key = record.key() == null ? new Object() : ByteBuffer.wrap(record.key());
            CompletableFuture<Void> previous = lastByKey.getOrDefault(key, DONE);
            CompletableFuture<Void> mine = previous.handle((ignored, failure) -> null)
                    .thenCompose(ignored -> records.process(record, type));
            lastByKey.put(key, mine);
            finished.add(mine);
        }
        CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        commit(batch, finished, consumer);
    }

    private static void commit(List<ConsumerRecord<byte[], byte[]>> batch, List<CompletableFuture<Void>> finished, Consumer<?, ?> consumer) {
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        Map<TopicPartition, Long> rewinds = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = batch.get(i);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (rewinds.containsKey(partition)) {
                continue;
            }
            if (finished.get(i).isCompletedExceptionally()) {
                LOG.error("{} could not publish its reply or dead letter; it will be processed again",
                        CommandRecordProcessor.where(record), finished.get(i).handle((ignored, failure) -> failure).join());
                rewinds.put(partition, record.offset());
            } else {
                commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!commits.isEmpty()) {
            consumer.commitSync(commits);
        }
        rewinds.forEach(consumer::seek);
    }
}
