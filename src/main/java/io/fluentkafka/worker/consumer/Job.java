package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.config.ConsumerConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;

/**
 * One command record on its way through the worker. Jobs with equal {@link #orderKey()} run one after another:
 * by key, the same partition and Kafka key (a record without a key is ordered with nothing); by partition, the
 * same partition.
 */
final class Job {

    private final ConsumerRecord<byte[], byte[]> record;
    private final TopicPartition partition;
    private final Object orderKey;
    private volatile boolean abandoned;

    Job(ConsumerRecord<byte[], byte[]> record, ConsumerConfiguration.Ordering ordering) {
        this.record = record;
        this.partition = new TopicPartition(record.topic(), record.partition());
        if (ordering == ConsumerConfiguration.Ordering.PARTITION) {
            this.orderKey = partition;
        } else {
            this.orderKey = record.key() == null ? this : new KeyInPartition(partition, ByteBuffer.wrap(record.key()));
        }
    }

    ConsumerRecord<byte[], byte[]> record() {
        return record;
    }

    TopicPartition partition() {
        return partition;
    }

    Object orderKey() {
        return orderKey;
    }

    /** The partition was taken away or the worker is stopping: the job's result will not be committed here. */
    void abandon() {
        abandoned = true;
    }

    boolean abandoned() {
        return abandoned;
    }

    private record KeyInPartition(TopicPartition partition, ByteBuffer key) {
    }
}
