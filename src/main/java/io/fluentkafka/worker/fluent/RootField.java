package io.fluentkafka.worker.fluent;

import io.micronaut.json.tree.JsonNode;

import java.util.List;

/**
 * A top-level field of Fluent's answer that is not null ({@code value}), and the errors Fluent sent next to the data:
 * a nullable field under it that Fluent could not resolve (a missing permission, say) is null in {@code value}, with
 * its error in {@code errors}. Empty {@code errors}: the answer was whole.
 */
public record RootField(JsonNode value, List<FluentError> errors) {
    public RootField {
        errors = List.copyOf(errors);
    }
}
