package io.fluentkafka.worker.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Reads every record of the topics matching a pattern, from the beginning, on a background thread; each record once.
 * Its consumer group may hand its partitions back after a broker restart and read again from its last automatic
 * commit: a record at an offset already read is not added twice, so a duplicate seen here is one Kafka holds twice.
 */
public final class TopicReader implements AutoCloseable {

    private final List<ConsumerRecord<byte[], byte[]>> records = new CopyOnWriteArrayList<>();
    private final Set<String> positions = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    /** Reads from the shared test broker. */
    public TopicReader(Pattern topics) {
        this(KafkaBroker.bootstrapServers(), topics);
    }

    public TopicReader(String bootstrapServers, Pattern topics) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(this::addOnce);
                }
            }
        }, "topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void addOnce(ConsumerRecord<byte[], byte[]> record) {
        if (positions.add(record.topic() + "-" + record.partition() + "@" + record.offset())) {
            records.add(record);
        }
    }

    public List<ConsumerRecord<byte[], byte[]>> records() {
        return new ArrayList<>(records);
    }

    public List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
