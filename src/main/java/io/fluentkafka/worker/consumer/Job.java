package io.fluentkafka.worker.consumer;

import io.fluentkafka.worker.command.Abandonment;
import io.fluentkafka.worker.config.ConsumerConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

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
    private final long size;
    private final Abandonment abandonment = new Abandonment();

    Job(ConsumerRecord<byte[], byte[]> record, ConsumerConfiguration.Ordering ordering) {
        this.record = record;
        this.partition = new TopicPartition(record.topic(), record.partition());
        this.size = sizeOf(record);
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

    /** The bytes the record holds while it is buffered: key, value and headers (names and values). */
    long size() {
        return size;
    }

    private static long sizeOf(ConsumerRecord<byte[], byte[]> record) {
        long bytes = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        for (Header header : record.headers()) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return bytes;
    }

    /** What the job is told while it runs: when it may no longer wait, and when its result will not be committed here. */
    Abandonment abandonment() {
        return abandonment;
    }

    boolean abandoned() {
        return abandonment.abandoned();
    }

    private record KeyInPartition(TopicPartition partition, ByteBuffer key) {
    }
}
