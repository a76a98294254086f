package io.fluentkafka.worker.messaging;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * The worker's one producer (idempotent, {@code acks=all}; see {@code kafka.producers.fluent-kafka-worker} in
 * application.yml). A send's future completes when Kafka has acknowledged the record, or failed.
 */
@Singleton
final class KafkaSender {

    private final Producer<byte[], byte[]> producer;

    KafkaSender(@KafkaClient("fluent-kafka-worker") Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    acknowledged.completeExceptionally(failure);
                } else {
                    acknowledged.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
