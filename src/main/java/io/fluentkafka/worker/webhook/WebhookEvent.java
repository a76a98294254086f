package io.fluentkafka.worker.webhook;

import java.time.Instant;

/**
 * A verified webhook's event, as the worker publishes it (the Avro {@code FluentEvent}). {@code id}, {@code name} and
 * {@code retailerId} are never null; the others are null when the payload lacks them. Ids and numbers are text.
 */
record WebhookEvent(String id, String name, String accountId, String retailerId, String entityType, String entityId,
                    String entityRef, String entitySubtype, String entityStatus, String rootEntityType,
                    String rootEntityId, String rootEntityRef, String type, String attributesJson, Instant receivedAt) {

    /** The record key: events of one root entity (e.g. an order and its fulfilments) share a partition, in order. */
    String key() {
        return rootEntityRef != null ? rootEntityRef : entityRef != null ? entityRef : id;
    }
}
