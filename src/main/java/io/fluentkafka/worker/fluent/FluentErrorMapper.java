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
 * The one translation of Fluent's error payloads into this package's exception types, for {@code /graphql} and
 * the REST APIs alike. It reads the shapes Fluent answers with: {@code {"errors":[{message, code | extensions.code,
 * path}]}} (GraphQL and REST), {@code {"error", "error_description"}} (OAuth) and {@code {"message"}}.
 *
 * <p>Contract: a code is taken from a structured field, or from the very start of a message; nothing is ever
 * decided from text anywhere else in a message, since Fluent's messages quote user data. A 401 body is never read:
 * it echoes the bearer token, nor is a 403 body quoted. Which codes are transient or mean an expired token is
 * configuration.
 */
final class FluentErrorMapper {

    /**
     * A code in the message counts only at its very start ("C0123E: ...", "[C0123E] ..."): anywhere else, even after
     * a quote, it may be user data that Fluent quotes.
     */
    private static final Pattern LEADING_CODE = Pattern.compile("^\\[?([CST]\\d{4}[EW])\\]?(?=:|\\s|$)");
    /** A structured code is kept when it looks like one ({@code C0123E}, {@code 400}, {@code NotNull}), never as free text. */
    private static final Pattern CODE_FIELD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final JsonMapper json;
    private final List<String> expiredTokenCodes;
    private final Pattern expiredTokenMessage;
    private final List<String> transientCodes;

    FluentErrorMapper(JsonMapper json, FluentClientConfiguration configuration) {
        this.json = json;
        this.expiredTokenCodes = configuration.expiredTokenCodes();
        this.expiredTokenMessage = Pattern.compile(configuration.expiredTokenMessage());
        this.transientCodes = configuration.transientErrorCodes();
    }

    /**
     * What an answer whose status is not 2xx means, by {@link HttpStatusPolicy}: {@link TokenRejectedException},
     * {@link FluentUnavailableException} with {@code Retry-After}, or a {@link FluentRejectedException} carrying the
     * errors of the body (unavailable instead when one of them has a transient code).
     */
    RuntimeException forStatus(FluentHttpResponse response) {
        switch (HttpStatusPolicy.verdict(response.status())) {
            case TOKEN_REJECTED:
                return new TokenRejectedException();
            case TRANSIENT:
                return HttpStatusPolicy.unavailable("Fluent", response);
            case SUCCESS:
                throw new IllegalArgumentException("HTTP " + response.status() + " is a success");
            default:
                return finalStatus(response);
        }
    }

    /**
     * A refusal's errors are quoted (they go into replies and dead letters), except a 403's: refused access may echo
     * the request's credentials or account, so only its status is told.
     */
    private FluentException finalStatus(FluentHttpResponse response) {
        List<FluentError> errors = response.status() == 403 ? List.of() : errors(parse(response.body()));
        if (anyTransient(errors)) {
            return new FluentUnavailableException("Fluent reported a transient error: " + summary(errors), response.retryAfter().orElse(null));
        }
        String what = response.status() == 413 ? "the request is larger than Fluent accepts (HTTP 413; the limit is 2 MB)"
                : "Fluent answered HTTP " + response.status();
        return new FluentRejectedException(errors.isEmpty() ? what : what + ": " + summary(errors), errors);
    }

    /**
     * What a refused token request means: the connection's credentials are not good enough. Only an error code of the
     * body (an OAuth {@code error} such as {@code invalid_grant}, RFC 6749 §5.2) is shown: descriptions may echo the
     * request, and so the account name.
     */
    static FluentAuthenticationException credentialsRefused(String connection, int status, JsonNode body) {
        String code = errors(body).stream().map(FluentError::code).filter(c -> c != null).findFirst().map(c -> " " + c).orElse("");
        return new FluentAuthenticationException("Fluent refused a token for connection '" + connection + "' (HTTP " + status + code + ")");
    }

    /** What GraphQL {@code errors[]} without {@code data} mean: transient by code, else a rejection. */
    FluentException withoutData(List<FluentError> errors) {
        if (errors.isEmpty()) {
            return new FluentRejectedException("Fluent answered with neither data nor errors", List.of());
        }
        if (anyTransient(errors)) {
            return new FluentUnavailableException("Fluent reported a transient error: " + summary(errors));
        }
        return new FluentRejectedException("Fluent rejected the request: " + summary(errors), errors);
    }

    /** By code, or by a message that is nothing but the expiry notice: never a match inside text that quotes user data. */
    boolean anyMeansExpiredToken(List<FluentError> errors) {
        return errors.stream().anyMatch(e -> e.code() != null ? expiredTokenCodes.contains(e.code())
                : expiredTokenMessage.matcher(e.message()).matches());
    }

    private boolean anyTransient(List<FluentError> errors) {
        return errors.stream().anyMatch(e -> e.code() != null && transientCodes.contains(e.code()));
    }

    /** The first message, and how many more there are. */
    static String summary(List<FluentError> errors) {
        String first = errors.get(0).message();
        return errors.size() == 1 ? first : first + " (and " + (errors.size() - 1) + " more)";
    }

    /** The body as JSON, or null when it is empty or not JSON (a gateway's HTML error page, typically). */
    JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The errors a JSON body reports, in any of the shapes above; empty when it reports none. */
    static List<FluentError> errors(JsonNode body) {
        List<FluentError> result = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return result;
        }
        JsonNode errors = body.get("errors");
        if (errors != null && errors.isArray()) {
            errors.values().forEach(error -> result.add(error(error)));
        } else if (isString(body.get("error"))) {
            JsonNode description = body.get("error_description");
            String code = structuredCode(body.get("error"));
            result.add(new FluentError(isString(description) ? description.getStringValue() : body.get("error").getStringValue(), code, null));
        } else if (isString(body.get("message"))) {
            String message = body.get("message").getStringValue();
            result.add(new FluentError(message, leadingCode(message), null));
        }
        return result;
    }

    private static FluentError error(JsonNode error) {
        JsonNode messageNode = error.isObject() ? error.get("message") : null;
        String message = messageNode != null && !messageNode.isNull() ? messageNode.coerceStringValue() : "(no message)";
        JsonNode extensions = error.isObject() ? error.get("extensions") : null;
        String code = structuredCode(extensions != null && extensions.isObject() ? extensions.get("code") : null);
        if (code == null && error.isObject()) {
            code = structuredCode(error.get("code"));
        }
        return new FluentError(message, code != null ? code : leadingCode(message), path(error.isObject() ? error.get("path") : null));
    }

    private static String structuredCode(JsonNode code) {
        if (code == null || !(code.isString() || code.isNumber())) {
            return null;
        }
        String text = code.coerceStringValue();
        return CODE_FIELD.matcher(text).matches() ? text : null;
    }

    private static String leadingCode(String message) {
        Matcher matcher = LEADING_CODE.matcher(message);
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

    private static boolean isString(JsonNode node) {
        return node != null && node.isString();
    }
}
