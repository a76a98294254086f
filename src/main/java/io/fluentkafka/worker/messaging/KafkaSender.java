package io.fluentkafka.worker.messaging;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The worker's one producer (idempotent, {@code acks=all}; see {@code kafka.producers.fluent-kafka-worker} in
 * application.yml). A send's future completes when Kafka has acknowledged the record, or failed. Public for the
 * webhook edge, which publishes Fluent's events with it.
 */
@Singleton
public final class KafkaSender {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final Producer<byte[], byte[]> producer;
    private final Executor completions;

    KafkaSender(@KafkaClient("fluent-kafka-worker") Producer<byte[], byte[]> producer, @Named(TaskExecutors.IO) Executor completions) {
        this.producer = producer;
        this.completions = completions;
    }

    /**
     * At shutdown, after the consumer has stopped (it depends on this bean, so it is stopped first). A reply or dead
     * letter Kafka has not acknowledged by now belongs to a command whose offset was not committed, so it is
     * processed again after the restart. A webhook's event is different: nothing re-reads it, so one still
     * unacknowledged here may be lost, but its request is never answered 200 (it gets an error, or no answer, once the
     * publish timeout passes or the server stops), so Fluent is left to retry it against another pod. Either way the
     * producer need not wait (its own close would wait up to {@code delivery.timeout.ms}, 120 s).
     */
    @PreDestroy
    void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            // completed elsewhere: what follows an acknowledgement must never run on the producer's one I/O thread
            producer.send(record, (metadata, failure) -> completions.execute(() -> {
                if (failure != null) {
                    acknowledged.completeExceptionally(failure);
                } else {
                    acknowledged.complete(metadata);
                }
            }));
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
