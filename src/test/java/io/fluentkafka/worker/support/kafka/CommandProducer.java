package io.fluentkafka.worker.support.kafka;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/** Sends commands as an upstream service would: Avro single-object encoding, keyed, optional headers. */
public final class CommandProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    /** A producer to the shared test broker. */
    public CommandProducer() {
        this(KafkaBroker.bootstrapServers());
    }

    public CommandProducer(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                // one request at a time: retries after NOT_LEADER on a just-created topic cannot then trip the
                // idempotent producer's sequence check (seen as OutOfOrderSequenceException on the in-process broker)
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void send(String topic, String key, SpecificRecordBase command) {
        sendRaw(topic, key, encode(command), new RecordHeaders());
    }

    public RecordMetadata send(String topic, String key, SpecificRecordBase command, Map<String, String> headers) {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return sendRaw(topic, key, encode(command), recordHeaders);
    }

    /** Sends and waits for the broker's acknowledgement: where the record landed. */
    public RecordMetadata sendRaw(String topic, String key, byte[] value, RecordHeaders headers) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        try {
            return producer.send(new ProducerRecord<>(topic, null, keyBytes, value, headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Sends without waiting for the broker; {@link #flush()} waits for everything sent so far. */
    public Future<RecordMetadata> sendLater(String topic, String key, SpecificRecordBase command) {
        return producer.send(new ProducerRecord<>(topic, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), encode(command)),
                (metadata, failure) -> {
                    if (failure != null) {
                        System.err.println("test producer could not send to " + topic + ": " + failure);
                    }
                });
    }

    public void flush() {
        producer.flush();
    }

    /** Single-object encoding through the generated class's own {@code toByteBuffer()}. */
    public static byte[] encode(SpecificRecordBase command) {
        try {
            Method toByteBuffer = command.getClass().getMethod("toByteBuffer");
            ByteBuffer buffer = (ByteBuffer) toByteBuffer.invoke(command);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (ReflectiveOperationException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
