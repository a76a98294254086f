package io.fluentkafka.worker.webhook;

import io.fluentkafka.worker.time.Scheduler;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Reads a verified webhook body (Fluent's event JSON, fluent-api.md section 8) into a {@link WebhookEvent}. Like
 * Fluent's SDK it requires {@code id}, {@code name} and {@code retailerId}; scalar fields may be strings or numbers
 * (kept as text); fields the event record does not carry ({@code meta}, {@code trailLogs}, ...) are dropped.
 * A body that is not a JSON object, or lacks a required field, is a {@link BadPayloadException} naming the problem,
 * never quoting the body.
 */
@Singleton
@Requires(property = WebhookConfiguration.ENABLED, value = "true")
final class PayloadReader {

    private static final List<String> REQUIRED = List.of("id", "name", "retailerId");

    private final JsonMapper json;
    private final Scheduler scheduler;

    PayloadReader(JsonMapper json, Scheduler scheduler) {
        this.json = json;
        this.scheduler = scheduler;
    }

    /** The event, received now (the injected clock). */
    WebhookEvent read(byte[] body) {
        Instant receivedAt = scheduler.now();
        JsonNode event = parse(body);
        for (String field : REQUIRED) {
            String value = text(event, field);
            if (value == null || value.isBlank()) {
                throw new BadPayloadException("the event has no " + field + " (required: " + String.join(", ", REQUIRED) + ")");
            }
        }
        return new WebhookEvent(text(event, "id"), text(event, "name"), text(event, "accountId"), text(event, "retailerId"),
                text(event, "entityType"), text(event, "entityId"), text(event, "entityRef"), text(event, "entitySubtype"),
                text(event, "entityStatus"), text(event, "rootEntityType"), text(event, "rootEntityId"),
                text(event, "rootEntityRef"), text(event, "type"), attributes(event), receivedAt);
    }

    private JsonNode parse(byte[] body) {
        JsonNode event;
        try {
            event = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new BadPayloadException("the body is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new BadPayloadException("the body is not a JSON object");
        }
        return event;
    }

    /** A scalar as text; null for an absent or null field. An object or array where text belongs is refused. */
    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new BadPayloadException(field + " is a JSON " + (value.isArray() ? "array" : "object") + ", not a string or number");
        }
        return value.coerceStringValue();
    }

    private String attributes(JsonNode event) {
        JsonNode attributes = event.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return null;
        }
        try {
            return json.writeValueAsString(attributes);
        } catch (IOException e) {
            throw new BadPayloadException("attributes cannot be written back as JSON");
        }
    }

    /** A body the worker will not publish: answered 400 with this message. */
    static final class BadPayloadException extends RuntimeException {
        BadPayloadException(String message) {
            super(message, null, false, false);
        }
    }
}
