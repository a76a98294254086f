package io.fluentkafka.worker.support.fluent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the simulator received it, before any fault or latency was applied.
 *
 * @param path    the request path without the query string
 * @param headers header names are matched case-insensitively
 * @param form    parameters from the query string, then from a form-encoded body; the first occurrence of a name wins,
 *                as a servlet's {@code getParameter} does
 * @param json    the body parsed as a JSON object, or empty when it is not one
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
        Map<String, String> form, Map<String, Object> json) {

    public RecordedRequest {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> byName.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(byName);
        form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    /** The GraphQL document of a {@code /graphql} request, or null. */
    public String query() {
        return json.get("query") instanceof String query ? query : null;
    }

    /** The GraphQL variables, or an empty map when none were sent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> variables() {
        return json.get("variables") instanceof Map<?, ?> variables ? (Map<String, Object>) variables : Map.of();
    }

    /** The GraphQL operation name, or null. */
    public String operationName() {
        return json.get("operationName") instanceof String name ? name : null;
    }

    /** The first {@code Authorization} header, or null. */
    public String authorization() {
        return header("Authorization");
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
