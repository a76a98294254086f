package io.fluentkafka.worker.command;

import java.util.List;

/**
 * What every command carries besides its payload.
 *
 * @param commandId     unique per command; the idempotency key
 * @param correlationId the caller's id, echoed in the reply; may be null
 * @param connection    the Fluent connection to use; null means {@code default}
 */
public record CommandMetadata(String commandId, String correlationId, String connection) {

    /** The Avro fields every command schema has, in this order: commandId (string), then two optional strings. */
    public static final List<String> FIELDS = List.of("commandId", "correlationId", "connection");
}
