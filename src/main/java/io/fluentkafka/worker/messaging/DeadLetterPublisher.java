package io.fluentkafka.worker.messaging;

import io.fluentkafka.worker.fluent.FluentException;
import io.fluentkafka.worker.config.TopicsConfiguration;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Copies a record that could not be done to {@code <topic><dead-letter-suffix>}: the original key, value bytes
 * and headers, plus {@code dlt.*} headers as readable UTF-8 strings that say where it came from and why.
 */
@Singleton
final class DeadLetterPublisher {

    private static final int MESSAGE_MAX = 2_000;
    /** Set, with the reason, when the original value was too large to copy: the dead letter then has no value. */
    static final String VALUE_OMITTED = "dlt.value-omitted";
    /** Set when even without its value the dead letter was too large: the original headers are then left out too. */
    static final String HEADERS_OMITTED = "dlt.headers-omitted";

    private final KafkaSender sender;
    private final TopicsConfiguration topics;
    private final String groupId;

    DeadLetterPublisher(KafkaSender sender, TopicsConfiguration topics, @Value("${worker.group-id}") String groupId) {
        this.sender = sender;
        this.topics = topics;
        this.groupId = groupId;
    }

    String topicFor(ConsumerRecord<?, ?> record) {
        return topics.deadLetterTopic(record.topic());
    }

    /**
     * Publishes the dead letter; if it is too large, again without the value; if still too large (the original
     * headers are), again with only the {@code dlt.*} headers. Fails only as Kafka does for the smallest form.
     */
    CompletableFuture<RecordMetadata> publish(ConsumerRecord<byte[], byte[]> record, DeadLetter reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        RecordHeaders own = provenance(record, reason);
        own.forEach(headers::add);
        String topic = topicFor(record);
        return sender.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                .exceptionallyCompose(failure -> {
                    if (!(FluentException.causeOf(failure) instanceof RecordTooLargeException tooLarge)) {
                        return CompletableFuture.failedFuture(FluentException.causeOf(failure));
                    }
                    // the original stays readable at dlt.original.topic/partition/offset until its retention ends
                    String omitted = (record.value() == null ? 0 : record.value().length) + " bytes, too large for " + topic + ": " + tooLarge.getMessage();
                    add(headers, VALUE_OMITTED, omitted);
                    add(own, VALUE_OMITTED, omitted);
                    return sender.send(new ProducerRecord<>(topic, null, record.key(), null, headers));
                })
                .exceptionallyCompose(failure -> {
                    Throwable cause = FluentException.causeOf(failure);
                    if (!(cause instanceof RecordTooLargeException)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    add(own, HEADERS_OMITTED, "the original headers and key are too large for " + topic);
                    return sender.send(new ProducerRecord<>(topic, null, (byte[]) null, (byte[]) null, own));
                });
    }

    private RecordHeaders provenance(ConsumerRecord<byte[], byte[]> record, DeadLetter reason) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "dlt.original.topic", record.topic());
        add(headers, "dlt.original.partition", String.valueOf(record.partition()));
        add(headers, "dlt.original.offset", String.valueOf(record.offset()));
        add(headers, "dlt.original.timestamp", String.valueOf(record.timestamp()));
        add(headers, "dlt.original.consumer-group", groupId);
        add(headers, "dlt.error.category", reason.category());
        add(headers, "dlt.error.message", reason.message());
        add(headers, "dlt.error.class", reason.cause());
        add(headers, "dlt.error.stage", reason.stage());
        add(headers, "dlt.command-id", reason.commandId());
        add(headers, "dlt.attempts", String.valueOf(reason.attempts()));
        return headers;
    }

    /** Every {@code dlt.*} value is capped, so that the dead letter's smallest form is small whatever the record held. */
    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, truncate(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String truncate(String value) {
        return value.length() <= MESSAGE_MAX ? value : value.substring(0, MESSAGE_MAX) + "...";
    }
}
