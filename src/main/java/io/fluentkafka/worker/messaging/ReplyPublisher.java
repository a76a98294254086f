package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Reply;
import jakarta.inject.Singleton;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a reply keyed like its command, to the topic {@link ReplyRoutes} chose, echoing a
 * {@code kafka_correlationId} header. The smallest reply echoes no header, and keeps the key only up to 1 KB.
 */
@Singleton
final class ReplyPublisher {

    static final String CORRELATION_ID_HEADER = "kafka_correlationId";

    private static final BinaryMessageEncoder<Reply> ENCODER = Reply.getEncoder();
    private static final int SMALL_KEY_MAX = 1024;

    private final KafkaSender sender;

    ReplyPublisher(KafkaSender sender) {
        this.sender = sender;
    }

    /** {@code echoHeaders}: false for the smallest reply, which must not grow with what the command carried. */
    CompletableFuture<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> command, Reply reply, String topic, boolean echoHeaders) {
        RecordHeaders headers = new RecordHeaders();
        Header correlation = command.headers().lastHeader(CORRELATION_ID_HEADER);
        if (correlation != null && echoHeaders) {
            headers.add(CORRELATION_ID_HEADER, correlation.value());
        }
        byte[] key = echoHeaders || command.key() == null || command.key().length <= SMALL_KEY_MAX ? command.key() : null;
        return sender.send(new ProducerRecord<>(topic, null, key, encode(reply), headers));
    }

    /** A reply Avro cannot encode (a bug) is one Kafka can never take: {@link PublishRetries} does not retry it. */
    private static byte[] encode(Reply reply) {
        try {
            return ENCODER.encode(reply).array();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode the reply: " + e, e);
        }
    }
}
