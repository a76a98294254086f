package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.avro.Reply;
import io.fluentkafka.worker.config.TopicsConfiguration;
import jakarta.inject.Singleton;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes a reply keyed like its command, to the command's {@code kafka_replyTopic} header if it has one,
 * else to the reply topic, echoing a {@code kafka_correlationId} header.
 */
@Singleton
final class ReplyPublisher {

    static final String REPLY_TOPIC_HEADER = "kafka_replyTopic";
    static final String CORRELATION_ID_HEADER = "kafka_correlationId";

    private static final BinaryMessageEncoder<Reply> ENCODER = Reply.getEncoder();

    private final KafkaSender sender;
    private final TopicsConfiguration topics;

    ReplyPublisher(KafkaSender sender, TopicsConfiguration topics) {
        this.sender = sender;
        this.topics = topics;
    }

    CompletableFuture<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> command, Reply reply) {
        RecordHeaders headers = new RecordHeaders();
        Header correlation = command.headers().lastHeader(CORRELATION_ID_HEADER);
        if (correlation != null) {
            headers.add(CORRELATION_ID_HEADER, correlation.value());
        }
        return sender.send(new ProducerRecord<>(replyTopic(command), null, command.key(), encode(reply), headers));
    }

    private String replyTopic(ConsumerRecord<byte[], byte[]> command) {
        Header header = command.headers().lastHeader(REPLY_TOPIC_HEADER);
        if (header == null || header.value() == null || header.value().length == 0) {
            return topics.replies();
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] encode(Reply reply) {
        try {
            return ENCODER.encode(reply).array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode reply", e);
        }
    }
}
