package io.fluentkafka.worker.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;

/**
 * One command record on its way through the worker. Jobs with equal {@link #orderKey()} (same partition, same
 * Kafka key) run one after another; a record without a key is ordered with nothing.
 */
final class Job {

    private final ConsumerRecord<byte[], byte[]> record;
    private final TopicPartition partition;
    private final Object orderKey;
    private volatile boolean abandoned;

    Job(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
        this.partition = new TopicPartition(record.topic(), record.partition());
        this.orderKey = record.key() == null ? this : new KeyInPartition(partition, ByteBuffer.wrap(record.key()));
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
