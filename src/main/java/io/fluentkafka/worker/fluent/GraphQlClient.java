package io.fluentkafka.worker.fluent;

import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Sends GraphQL documents with their variables to {@code POST /graphql}. Values always travel as variables. */
final class GraphQlClient {

    private final FluentTransport transport;
    private final BearerAuthentication authentication;
    private final GraphQlResponses responses;
    private final JsonMapper json;

    GraphQlClient(FluentTransport transport, BearerAuthentication authentication, GraphQlResponses responses, JsonMapper json) {
        this.transport = transport;
        this.authentication = authentication;
        this.responses = responses;
        this.json = json;
    }

    /** {@code operation} names the call in metrics: one of the worker's own, or {@code graphql} for a caller's document. */
    CompletableFuture<GraphQlResponse> execute(String operation, String document, Map<String, Object> variables, String operationName) {
        byte[] body = body(document, variables, operationName);
        return authentication.call(token -> transport.post(operation, "/graphql", MediaType.APPLICATION_JSON_TYPE, body, token)
                .thenApply(responses::read));
    }

    private byte[] body(String document, Map<String, Object> variables, String operationName) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document);
        request.put("variables", variables == null ? Map.of() : variables);
        if (operationName != null) {
            request.put("operationName", operationName);
        }
        try {
            return json.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise GraphQL request", e);
        }
    }
}
