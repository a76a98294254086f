package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.avro.FluentEvent;
import io.fluentkafka.worker.messaging.KafkaSender;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes an event as an Avro {@code FluentEvent}, single-object encoded like the replies, to the topic
 * {@link EventRoutes} chose, keyed by {@link WebhookEvent#key()}, with the CloudEvents Kafka protocol binding's
 * binary-mode headers: {@code ce_specversion} 1.0, {@code ce_id} the event id, {@code ce_type} its name,
 * {@code ce_source} {@code fluent://<accountId>} (URL-encoded; {@code fluent://unknown} without one),
 * {@code ce_time} when the worker received it (RFC 3339, UTC, milliseconds) and {@code content-type}
 * {@value #CONTENT_TYPE}. The future completes when Kafka acknowledged the record (acks=all, idempotent producer).
 */
@Singleton
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class EventPublisher {

    static final String CONTENT_TYPE = "application/avro";
    private static final BinaryMessageEncoder<FluentEvent> ENCODER = FluentEvent.getEncoder();

    private final KafkaSender sender;
    private final EventRoutes routes;

    EventPublisher(KafkaSender sender, EventRoutes routes) {
        this.sender = sender;
        this.routes = routes;
    }

    CompletableFuture<RecordMetadata> publish(WebhookEvent event) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", event.id());
        header(headers, "ce_type", event.name());
        header(headers, "ce_source", source(event.accountId()));
        header(headers, "ce_time", event.receivedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        header(headers, "content-type", CONTENT_TYPE);
        return sender.send(new ProducerRecord<>(routes.topic(event), null,
                event.key().getBytes(StandardCharsets.UTF_8), encode(event), headers));
    }

    static String source(String accountId) {
        return "fluent://" + (accountId == null || accountId.isBlank() ? "unknown" : URLEncoder.encode(accountId, StandardCharsets.UTF_8));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] encode(WebhookEvent event) {
        FluentEvent record = FluentEvent.newBuilder()
                .setId(event.id()).setName(event.name()).setAccountId(event.accountId()).setRetailerId(event.retailerId())
                .setEntityType(event.entityType()).setEntityId(event.entityId()).setEntityRef(event.entityRef())
                .setEntitySubtype(event.entitySubtype()).setEntityStatus(event.entityStatus())
                .setRootEntityType(event.rootEntityType()).setRootEntityId(event.rootEntityId())
                .setRootEntityRef(event.rootEntityRef()).setType(event.type()).setAttributes(event.attributesJson())
                .setReceivedAt(event.receivedAt().truncatedTo(ChronoUnit.MILLIS)).build();
        try {
            ByteBuffer encoded = ENCODER.encode(record);
            byte[] value = new byte[encoded.remaining()];
            encoded.get(value);
            return value;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot encode the event: " + e, e);
        }
    }
}
