package io.fluentkafka.worker.operation;

import io.fluentkafka.worker.avro.GraphQlRequest;
import io.fluentkafka.worker.avro.GraphQlResult;
import io.fluentkafka.worker.command.Checks;
import io.fluentkafka.worker.command.Execution;
import io.fluentkafka.worker.command.Operation;
import io.fluentkafka.worker.command.Outcome.Detail;
import io.fluentkafka.worker.command.Outcome.Succeeded;
import io.fluentkafka.worker.command.Repeat;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code graphql-request}: the caller's own GraphQL document and variables, sent as given. The reply carries Fluent's
 * response verbatim: EXECUTED, or PARTIAL when data came with errors. Not idempotent: a mutation runs again when
 * the command is repeated.
 */
@Singleton
final class GraphQlRequestOperation implements Operation<GraphQlRequest> {

    /**
     * Fluent refuses requests over 2 MB (HTTP 413). The document and the variables may each take this many UTF-8
     * bytes, so that both together, JSON-escaped, stay inside it.
     */
    static final int MAX_BYTES = 900_000;
    private static final String WHY = "Fluent refuses requests over 2 MB";
    private static final Pattern GRAPHQL_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    private final JsonMapper json;

    GraphQlRequestOperation(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kind() {
        return "graphql-request";
    }

    @Override
    public Class<GraphQlRequest> commandType() {
        return GraphQlRequest.class;
    }

    @Override
    public Repeat repeat() {
        return Repeat.NOT_IDEMPOTENT;
    }

    @Override
    public void validate(GraphQlRequest command, Checks checks) {
        checks.required("query", command.getQuery(), Integer.MAX_VALUE);
        checks.utf8Bytes("query", command.getQuery(), MAX_BYTES, WHY);
        if (command.getOperationName() != null && !GRAPHQL_NAME.matcher(command.getOperationName()).matches()) {
            checks.add("operationName", "is not a GraphQL name");
        }
        String variables = command.getVariables();
        if (variables != null && !variables.isBlank() && checks.utf8Bytes("variables", variables, MAX_BYTES, WHY)
                && parseObject(variables) == null) {
            checks.add("variables", "must be a JSON object, e.g. {\"ref\":\"SKU-1\"}");
        }
    }

    @Override
    public CompletableFuture<Succeeded> perform(GraphQlRequest command, Execution execution) {
        String variables = command.getVariables();
        Map<String, Object> parsed = variables == null || variables.isBlank() ? Map.of() : parseObject(variables);
        return execution.step(() -> execution.fluent().execute(command.getQuery(), parsed, command.getOperationName()))
                .thenApply(response -> new Succeeded(response.partial() ? Detail.PARTIAL : Detail.EXECUTED,
                        new GraphQlResult(response.json()), response.errors(), null));
    }

    /** The variables as a map, or null when they are not a JSON object. */
    private Map<String, Object> parseObject(String variables) {
        try {
            return json.readValue(variables, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
