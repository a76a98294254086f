package io.fluentkafka.worker.fluent;

import io.micronaut.json.tree.JsonNode;

import java.util.List;

/**
 * Reads Fluent's answer to {@code POST /graphql}: returns a {@link GraphQlResponse} when there is data, and
 * otherwise throws what the answer means. The status goes through {@link HttpStatusPolicy} and every error payload
 * through {@link FluentErrorMapper}. {@code errors[]} with null data is a failure even under HTTP 200.
 */
final class GraphQlResponses {

    private final FluentErrorMapper errors;

    GraphQlResponses(FluentErrorMapper errors) {
        this.errors = errors;
    }

    GraphQlResponse read(FluentHttpResponse response) {
        if (HttpStatusPolicy.verdict(response.status()) != HttpStatusPolicy.Verdict.SUCCESS) {
            throw errors.forStatus(response);
        }
        byte[] bytes = response.body();
        JsonNode body = errors.parse(bytes);
        if (body == null || !body.isObject()) {
            // a gateway's HTML error page, typically; worth another try
            throw new FluentUnavailableException("Fluent answered HTTP " + response.status() + " with a body that is not a GraphQL response");
        }
        List<FluentError> reported = FluentErrorMapper.errors(body);
        if (errors.anyMeansExpiredToken(reported)) {
            throw new TokenRejectedException();
        }
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            throw errors.withoutData(reported);
        }
        return new GraphQlResponse(data, reported, bytes);
    }

    /**
     * A field the worker asked for came back null next to errors: what they mean (transient by code, else a
     * rejection), since "nothing found" cannot be told from "could not look".
     */
    FluentException nullWithErrors(List<FluentError> reported) {
        return errors.withoutData(reported);
    }
}
