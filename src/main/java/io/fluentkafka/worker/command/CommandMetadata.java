package io.fluentkafka.worker.command;

/**
 * What every command carries besides its payload.
 *
 * @param commandId     unique per command; the idempotency key
 * @param correlationId the caller's id, echoed in the reply; may be null
 * @param connection    the Fluent connection to use; null means {@code default}
 */
public record CommandMetadata(String commandId, String correlationId, String connection) {
}
