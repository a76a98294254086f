package io.fluentkafka.worker.fluent;

import io.micronaut.json.tree.JsonNode;

import java.util.List;

/**
 * A GraphQL answer that carried data: {@code errors} is empty unless the data is partial.
 *
 * @param data   the {@code data} object
 * @param errors Fluent's errors next to the data
 * @param json   the response body as Fluent sent it
 */
public record GraphQlResponse(JsonNode data, List<FluentError> errors, String json) implements FluentEntity {

    public GraphQlResponse {
        errors = List.copyOf(errors);
    }

    public boolean partial() {
        return !errors.isEmpty();
    }
}
