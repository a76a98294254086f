package io.fluentkafka.worker.support.fluent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /graphql} after faults: bearer authentication, then graphql-java. Every executed document
 * answers HTTP 200, business and schema errors included (fluent-api.md §3); only a missing, unknown or
 * expired token (401) and a body that is not a GraphQL request (400) answer otherwise.
 */
final class GraphQlEndpoint {

    /** The code Fluent's SDK knows for a JWT it cannot use (fluent-api.md §3: "JWT token extraction failure"). */
    static final String TOKEN_ERROR_CODE = "S0040E";

    private final TokenStore tokens;
    private final SimulatorGraphQl engine;
    private volatile boolean expiredTokenInBody;

    GraphQlEndpoint(TokenStore tokens, SimulatorGraphQl engine) {
        this.tokens = tokens;
        this.engine = engine;
    }

    /** When on, an expired token answers HTTP 200 with an S0040E GraphQL error instead of HTTP 401. */
    void expiredTokenInBody(boolean on) {
        expiredTokenInBody = on;
    }

    @SuppressWarnings("unchecked")
    SimulatorResponse handle(RecordedRequest request) {
        String token = bearerToken(request.authorization());
        TokenStore.Status status = tokens.check(token);
        if (status == TokenStore.Status.UNKNOWN) {
            return invalidToken("Invalid access token: " + token);
        }
        if (status == TokenStore.Status.EXPIRED) {
            return expiredTokenInBody ? expiredInBody(token) : invalidToken("Access token expired: " + token);
        }
        Map<String, Object> json = request.json();
        Object variables = json.get("variables");
        Object operationName = json.get("operationName");
        if (!(json.get("query") instanceof String query) || !(variables == null || variables instanceof Map)
                || !(operationName == null || operationName instanceof String)) {
            return SimulatorResponse.oauthError(400, "invalid_request",
                    "Expected a JSON body {\"query\": string, \"variables\": object, \"operationName\": string}");
        }
        return SimulatorResponse.json(200,
                engine.execute(query, (Map<String, Object>) variables, (String) operationName));
    }

    /** The token after a case-insensitive {@code Bearer} scheme, or "" when there is none. */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return "";
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals("bearer") ? parts[1].trim() : "";
    }

    /** HTTP 401 in Spring Security's shape; the description echoes the token, as Fluent's does. */
    static SimulatorResponse invalidToken(String description) {
        return SimulatorResponse.oauthError(401, "invalid_token", description)
                .withHeader("WWW-Authenticate", "Bearer realm=\"oauth\", error=\"invalid_token\"");
    }

    private static SimulatorResponse expiredInBody(String token) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "Access token expired: " + token);
        error.put("extensions", Map.of("code", TOKEN_ERROR_CODE));
        return SimulatorResponse.json(200, Map.of("errors", List.of(error)));
    }
}
