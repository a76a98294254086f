package io.fluentkafka.worker.inventory;

import io.fluentkafka.worker.fluent.FluentClient;

/**
 * Where a position goes: positions with equal destinations share batches. {@code fluent} is the connection's client,
 * one instance per connection, compared by identity; {@code retailerId} is resolved (never null).
 */
public record Destination(FluentClient fluent, String retailerId, String catalogueRef) {
}
