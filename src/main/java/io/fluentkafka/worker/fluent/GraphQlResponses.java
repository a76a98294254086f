package io.fluentkafka.worker.fluent;

import io.fluentkafka.worker.config.FluentClientConfiguration;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that reads Fluent's answer to {@code POST /graphql}: returns a {@link GraphQlResponse} when
 * there is data, and otherwise throws what the answer means. {@code errors[]} with null data is a failure even
 * under HTTP 200. Error bodies are never quoted: a 401 body echoes the token.
 */
final class GraphQlResponses {

    /**
     * A code in the message counts only at its very start ("C0123E: ...", "[C0123E] ..."): anywhere else, even after
     * a quote, it may be user data that Fluent quotes.
     */
    private static final Pattern CODE = Pattern.compile("^\\[?([CST]\\d{4}[EW])\\]?(?=:|\\s|$)");

    private final JsonMapper json;
    private final List<String> expiredTokenCodes;
    private final Pattern expiredTokenMessage;
    private final List<String> transientCodes;

    GraphQlResponses(JsonMapper json, FluentClientConfiguration configuration) {
        this.json = json;
        this.expiredTokenCodes = configuration.expiredTokenCodes();
        this.expiredTokenMessage = Pattern.compile(configuration.expiredTokenMessage());
        this.transientCodes = configuration.transientErrorCodes();
    }

    GraphQlResponse read(FluentHttpResponse response) {
        int status = response.status();
        if (status == 401) {
            throw new TokenRejectedException();
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new FluentUnavailableException("Fluent answered HTTP " + status, response.retryAfter().orElse(null));
        }
        if (status == 413) {
            throw new FluentRejectedException("the request is larger than Fluent accepts (HTTP 413; the limit is 2 MB)", List.of());
        }
        if (status < 200 || status > 299) {
            throw new FluentRejectedException("Fluent answered HTTP " + status, List.of());
        }
        byte[] bytes = response.body();
        JsonNode body = parse(bytes);
        List<FluentError> errors = errors(body.get("errors"));
        if (errors.stream().anyMatch(this::meansExpiredToken)) {
            throw new TokenRejectedException();
        }
        JsonNode data = body.get("data");
        if (data == null || data.isNull()) {
            throw failureWithoutData(errors);
        }
        return new GraphQlResponse(data, errors, bytes);
    }

    /** By code, or by a message that is nothing but the expiry notice: never a match inside text that quotes user data. */
    private boolean meansExpiredToken(FluentError error) {
        return error.code() != null ? expiredTokenCodes.contains(error.code()) : expiredTokenMessage.matcher(error.message()).matches();
    }

    private RuntimeException failureWithoutData(List<FluentError> errors) {
        if (errors.isEmpty()) {
            return new FluentRejectedException("Fluent answered with neither data nor errors", List.of());
        }
        String summary = summary(errors);
        if (errors.stream().anyMatch(e -> e.code() != null && transientCodes.contains(e.code()))) {
            return new FluentUnavailableException("Fluent reported a transient error: " + summary);
        }
        return new FluentRejectedException("Fluent rejected the request: " + summary, errors);
    }

    static String summary(List<FluentError> errors) {
        String first = errors.get(0).message();
        return errors.size() == 1 ? first : first + " (and " + (errors.size() - 1) + " more)";
    }

    private JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = json.readValue(bytes, JsonNode.class);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | RuntimeException e) {
            // falls through: a gateway's HTML error page, typically; worth another try
        }
        throw new FluentUnavailableException("Fluent answered HTTP 200 with a body that is not a GraphQL response");
    }

    private static List<FluentError> errors(JsonNode errors) {
        List<FluentError> result = new ArrayList<>();
        if (errors == null || !errors.isArray()) {
            return result;
        }
        for (JsonNode error : errors.values()) {
            String message = error.get("message") != null ? error.get("message").coerceStringValue() : "(no message)";
            result.add(new FluentError(message, code(error, message), path(error.get("path"))));
        }
        return result;
    }

    private static String code(JsonNode error, String message) {
        JsonNode extensions = error.get("extensions");
        JsonNode code = extensions != null && extensions.isObject() ? extensions.get("code") : null;
        if (code != null && code.isString()) {
            return code.getStringValue();
        }
        Matcher matcher = CODE.matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String path(JsonNode path) {
        if (path == null || !path.isArray() || path.size() == 0) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        path.values().forEach(p -> parts.add(p.coerceStringValue()));
        return String.join(".", parts);
    }
}
