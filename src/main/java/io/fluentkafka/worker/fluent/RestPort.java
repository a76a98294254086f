package io.fluentkafka.worker.fluent;

import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fluent's REST APIs for one connection (fluent-api.md §6 and §7), e.g. {@code POST /api/v4.1/event/async},
 * {@code POST /api/v4.1/job}, {@code POST /api/v4.1/job/{id}/batch}, {@code GET /api/v4.1/job/{id}/batch/{batchId}}.
 * JSON in, JSON out.
 *
 * <p>Contract: paths are relative to the connection's base URL and start with one {@code /}; for anything else the
 * call throws {@link IllegalArgumentException} at once, so the bearer token is never sent to another host. Callers encode path
 * segments and query values themselves. Every call carries the connection's bearer token
 * ({@link BearerAuthentication}: a refused token is renewed once) and reads the answer with the same status policy
 * and error translation as {@link GraphQlPort}: 2xx is the body (an empty one reads as an empty object);
 * 408, 429, 5xx, timeouts and connection failures are {@link FluentUnavailableException} with Fluent's
 * {@code Retry-After}; other statuses are {@link FluentRejectedException} carrying the errors of the body. A 2xx body
 * that is not JSON fails as unavailable, as it comes from something in front of Fluent rather than from Fluent.
 * Non-blocking and safe to call concurrently.
 */
public final class RestPort {

    private final FluentTransport transport;
    private final BearerAuthentication authentication;
    private final FluentErrorMapper errors;
    private final JsonMapper json;

    RestPort(FluentTransport transport, BearerAuthentication authentication, FluentErrorMapper errors, JsonMapper json) {
        this.transport = transport;
        this.authentication = authentication;
        this.errors = errors;
        this.json = json;
    }

    /** GETs {@code path} (query string allowed); empty when Fluent answers 404, e.g. an unknown job or batch. */
    public CompletableFuture<Optional<JsonNode>> get(String path) {
        String checked = checked(path);
        return authentication.call(token -> transport.get("rest", checked, token)
                .thenApply(response -> response.status() == 404 ? Optional.<JsonNode>empty() : Optional.of(read(response))));
    }

    /**
     * POSTs {@code jsonBody} serialised as JSON: maps, lists, strings, numbers, booleans, a {@link JsonNode} or a
     * serdeable record. A body that cannot be serialised fails the future with {@link IllegalArgumentException}.
     * A 404 is a rejection here: the endpoint or the entity named in the path does not exist.
     */
    public CompletableFuture<JsonNode> post(String path, Object jsonBody) {
        String checked = checked(path);
        byte[] body;
        try {
            body = json.writeValueAsBytes(jsonBody);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "cannot serialise the request body as JSON (" + (jsonBody == null ? "null" : jsonBody.getClass().getSimpleName()) + ")", e));
        }
        return authentication.call(token -> transport.post("rest", checked, MediaType.APPLICATION_JSON_TYPE, body, token)
                .thenApply(this::read));
    }

    private JsonNode read(FluentHttpResponse response) {
        if (HttpStatusPolicy.verdict(response.status()) != HttpStatusPolicy.Verdict.SUCCESS) {
            throw errors.forStatus(response);
        }
        if (response.body().length == 0) {
            return JsonNode.createObjectNode(Map.of());
        }
        JsonNode body = errors.parse(response.body());
        if (body == null) {
            throw new FluentUnavailableException("Fluent answered HTTP " + response.status() + " with a body that is not JSON");
        }
        return body;
    }

    private static String checked(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("://")) {
            throw new IllegalArgumentException("a Fluent REST path starts with a single '/' and names no host, e.g. /api/v4.1/job");
        }
        return path;
    }
}
