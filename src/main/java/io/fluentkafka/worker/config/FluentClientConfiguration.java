package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the worker talks to Fluent, for every connection: {@code fluent.*}.
 *
 * @param requestTimeout      read timeout of one HTTP call to Fluent
 * @param connectTimeout      TCP connect timeout
 * @param tokenExpirySkew     a token is renewed this long before its {@code expires_in} runs out
 * @param duplicateErrorCodes Fluent error codes that mean "this entity already exists"; fluent-api.md marks the
 *                            exact code as uncertain, so it is configurable
 * @param duplicateMessagePattern optional regex that an error message <em>without a code</em> must match as a
 *                            whole to mean "this entity already exists"; empty (the default) decides by code only,
 *                            since a partial match could come from user data that Fluent quotes
 * @param expiredTokenCodes   Fluent error codes inside an HTTP 200 that mean the bearer token expired (forces one
 *                            refresh and one retry)
 * @param expiredTokenMessage regex that a GraphQL error message must match as a whole to mean the same; anchored
 *                            so that a message quoting user data (a username containing {@code invalid_token})
 *                            never matches
 * @param transientErrorCodes Fluent error codes inside an HTTP 200 that are worth retrying
 */
@ConfigurationProperties(FluentClientConfiguration.PREFIX)
public record FluentClientConfiguration(
        @Bindable(defaultValue = "30s") Duration requestTimeout,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "60s") Duration tokenExpirySkew,
        @Bindable(defaultValue = "C0121E,C0123E,C0128E") List<String> duplicateErrorCodes,
        @Bindable(defaultValue = "") String duplicateMessagePattern,
        @Bindable(defaultValue = "S0040E") List<String> expiredTokenCodes,
        @Bindable(defaultValue = DEFAULT_EXPIRED_TOKEN_MESSAGE) String expiredTokenMessage,
        @Bindable(defaultValue = "C0003E,C0011E,S0002E,S0020E") List<String> transientErrorCodes) {

    public static final String PREFIX = "fluent";
    static final String DEFAULT_EXPIRED_TOKEN_MESSAGE = "(?i)(access token expired|invalid access token)(: \\S*)?";

    public FluentClientConfiguration {
        positive("request-timeout", requestTimeout);
        positive("connect-timeout", connectTimeout);
        if (tokenExpirySkew == null || tokenExpirySkew.isNegative()) {
            throw new ConfigurationException(PREFIX + ".token-expiry-skew must be zero or positive");
        }
        duplicateMessagePattern = duplicateMessagePattern == null ? "" : duplicateMessagePattern;
        pattern("duplicate-message-pattern", duplicateMessagePattern);
        pattern("expired-token-message", expiredTokenMessage);
        duplicateErrorCodes = List.copyOf(duplicateErrorCodes);
        expiredTokenCodes = List.copyOf(expiredTokenCodes);
        transientErrorCodes = List.copyOf(transientErrorCodes);
    }

    private static void pattern(String key, String regex) {
        try {
            Pattern.compile(regex);
        } catch (RuntimeException e) {
            throw new ConfigurationException(PREFIX + "." + key + " is not a valid regular expression");
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException(PREFIX + "." + key + " must be a positive duration such as 30s");
        }
    }
}
