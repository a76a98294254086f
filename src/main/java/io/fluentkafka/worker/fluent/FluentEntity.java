package io.fluentkafka.worker.fluent;

/** What a Fluent operation can hand back: the closed set of results a reply can carry. */
public sealed interface FluentEntity permits Customer, Product, User, GraphQlResponse {
}
