package io.fluentkafka.worker.webhook;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.value.PropertyResolver;

/**
 * At startup: a body of {@code worker.webhooks.max-body-size} must make a record the producer sends, or every such
 * webhook would be verified and then refused by Kafka. The record is at most about the body (fields Fluent sends
 * and the event does not carry are dropped) plus its key, CloudEvents headers and batch overhead:
 * {@value #HEADROOM} bytes are left for those. The producer's limit is {@code max.request.size} of
 * {@code kafka.producers.fluent-kafka-worker}, else of {@code kafka}, else Kafka's default (1 MiB). The broker's or
 * topic's own limit ({@code message.max.bytes}, {@code max.message.bytes}) cannot be read here: a record over it is
 * answered 413 ({@code record_too_large}).
 */
@Context
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class ProducerRecordLimit {

    static final int HEADROOM = 16 * 1024;
    static final int KAFKA_DEFAULT = 1024 * 1024;
    static final String PRODUCER_KEY = "kafka.producers.fluent-kafka-worker.max.request.size";
    static final String KAFKA_KEY = "kafka.max.request.size";

    ProducerRecordLimit(WebhookConfiguration configuration, PropertyResolver properties) {
        int maxRequestSize = properties.getProperty(PRODUCER_KEY, Integer.class)
                .or(() -> properties.getProperty(KAFKA_KEY, Integer.class)).orElse(KAFKA_DEFAULT);
        if ((long) configuration.maxBodySize() + HEADROOM > maxRequestSize) {
            throw new ConfigurationException(WebhookConfiguration.PREFIX + ".max-body-size is " + configuration.maxBodySize()
                    + " bytes, too close to the producer's max.request.size (" + PRODUCER_KEY + ", " + maxRequestSize
                    + " bytes): keep it at most " + (maxRequestSize - HEADROOM) + " bytes (" + HEADROOM
                    + " are left for the record's key, headers and overhead), or raise " + PRODUCER_KEY
                    + " (and the topic's max.message.bytes) with it");
        }
    }
}
