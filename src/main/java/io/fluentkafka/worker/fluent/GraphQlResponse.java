package io.fluentkafka.worker.fluent;

import io.micronaut.json.tree.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A GraphQL answer that carried data: {@link #errors()} is empty unless the data is partial. */
public final class GraphQlResponse {

    private final JsonNode data;
    private final List<FluentError> errors;
    private final byte[] body;

    GraphQlResponse(JsonNode data, List<FluentError> errors, byte[] body) {
        this.data = data;
        this.errors = List.copyOf(errors);
        this.body = body;
    }

    /** The {@code data} object. */
    public JsonNode data() {
        return data;
    }

    /** Fluent's errors next to the data. */
    public List<FluentError> errors() {
        return errors;
    }

    public boolean partial() {
        return !errors.isEmpty();
    }

    /** The response body as Fluent sent it; decoded only when asked for (a raw GraphQL request's reply). */
    public String json() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
