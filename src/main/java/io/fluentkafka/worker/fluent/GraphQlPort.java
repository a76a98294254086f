package io.fluentkafka.worker.fluent;

import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fluent's GraphQL API ({@code POST /graphql}) for one connection. Values always travel as variables: callers pass
 * a constant document and put every value in {@code variables} (maps, lists, strings, numbers, booleans).
 *
 * <p>Contract: every method is non-blocking and safe to call concurrently. Calls carry the connection's bearer
 * token ({@link BearerAuthentication}: a refused token is renewed once); their failures complete the future with a
 * {@link FluentException}: {@link FluentUnavailableException} when worth retrying (429, 5xx, timeouts, transient
 * codes), {@link FluentRejectedException} when final, {@link FluentAuthenticationException} when the connection's
 * credentials are refused. An answer with data and errors is partial, not a failure, except where a method says so.
 */
public final class GraphQlPort {

    private final FluentTransport transport;
    private final BearerAuthentication authentication;
    private final GraphQlResponses responses;
    private final JsonMapper json;

    GraphQlPort(FluentTransport transport, BearerAuthentication authentication, GraphQlResponses responses, JsonMapper json) {
        this.transport = transport;
        this.authentication = authentication;
        this.responses = responses;
        this.json = json;
    }

    /** Runs a document as given; {@code operationName} may be null. Partial data comes back as a response with errors. */
    public CompletableFuture<GraphQlResponse> execute(String document, Map<String, Object> variables, String operationName) {
        return execute("graphql", document, variables, operationName);
    }

    /**
     * The object at top-level {@code field} of the answer. Fails with {@link FluentRejectedException} when it is null:
     * carrying Fluent's errors when there are any (a rejected mutation), else saying that Fluent returned no such field.
     * Errors next to a non-null field are dropped; {@link #singleWithErrors} keeps them.
     */
    public CompletableFuture<JsonNode> single(String field, String document, Map<String, Object> variables) {
        return singleWithErrors(field, document, variables).thenApply(RootField::value);
    }

    /** {@link #single}, with the errors Fluent sent next to the non-null field (a field under it that failed). */
    public CompletableFuture<RootField> singleWithErrors(String field, String document, Map<String, Object> variables) {
        return execute(field, document, variables, null).thenApply(response -> {
            JsonNode node = response.data().get(field);
            if (node == null || node.isNull()) {
                throw response.partial()
                        ? new FluentRejectedException("Fluent rejected the request: " + FluentErrorMapper.summary(response.errors()), response.errors())
                        : new FluentRejectedException("Fluent returned no " + field, List.of());
            }
            return new RootField(node, response.errors());
        });
    }

    /**
     * The object at top-level {@code field}, empty when Fluent answers null without errors: a lookup that found
     * nothing, such as {@code standardProduct(ref, catalogue)}. A null field next to errors fails as they say
     * (unavailable for a transient code, else rejected): the lookup did not happen. Errors next to a non-null field
     * are dropped; {@link #optionalWithErrors} keeps them.
     */
    public CompletableFuture<Optional<JsonNode>> optional(String field, String document, Map<String, Object> variables) {
        return optionalWithErrors(field, document, variables).thenApply(found -> found.map(RootField::value));
    }

    /** {@link #optional}, with the errors Fluent sent next to the non-null field (a field under it that failed). */
    public CompletableFuture<Optional<RootField>> optionalWithErrors(String field, String document, Map<String, Object> variables) {
        return execute(field, document, variables, null).thenApply(response -> {
            Optional<JsonNode> found = Optional.ofNullable(response.data().get(field)).filter(node -> !node.isNull());
            if (found.isEmpty() && response.partial()) {
                throw responses.nullWithErrors(response.errors());
            }
            return found.map(node -> new RootField(node, response.errors()));
        });
    }

    /**
     * The first {@code node} of the connection ({@code edges { node }}) at top-level {@code field}; empty when none. A
     * null connection next to errors fails as {@link #optional} does.
     */
    public CompletableFuture<Optional<JsonNode>> first(String field, String document, Map<String, Object> variables) {
        return optional(field, document, variables).thenApply(connection -> connection.flatMap(FluentEntities::firstNode));
    }

    /** The first {@code node} of a connection object ({@code edges { node }}), if any. */
    public static Optional<JsonNode> firstNode(JsonNode connection) {
        return FluentEntities.firstNode(connection);
    }

    /** {@code operation} names the call in metrics: a field the worker asks for, {@code probe}, or {@code graphql}. */
    CompletableFuture<GraphQlResponse> execute(String operation, String document, Map<String, Object> variables, String operationName) {
        byte[] body;
        try {
            body = body(document, variables, operationName);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot serialise the GraphQL variables as JSON", e));
        }
        return authentication.call(token -> transport.post(operation, "/graphql", MediaType.APPLICATION_JSON_TYPE, body, token)
                .thenApply(responses::read));
    }

    private byte[] body(String document, Map<String, Object> variables, String operationName) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document);
        request.put("variables", variables == null ? Map.of() : variables);
        if (operationName != null) {
            request.put("operationName", operationName);
        }
        return json.writeValueAsBytes(request);
    }
}
