package io.fluentkafka.worker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * How the worker talks to Fluent, for every connection: {@code fluent.*}.
 *
 * @param requestTimeout      read timeout of one HTTP call to Fluent
 * @param connectTimeout      TCP connect timeout
 * @param tokenExpirySkew     a token is renewed this long before its {@code expires_in} runs out
 * @param duplicateErrorCodes Fluent error codes that mean "this entity already exists"; fluent-api.md marks the
 *                            exact code as uncertain, so it is configurable
 * @param duplicateMessagePattern regex matched against error messages as a second signal of a duplicate
 * @param expiredTokenPattern regex matched against GraphQL error messages inside an HTTP 200 that mean the
 *                            bearer token expired (forces one refresh and one retry)
 * @param transientErrorCodes Fluent error codes inside an HTTP 200 that are worth retrying
 */
@ConfigurationProperties(FluentClientConfiguration.PREFIX)
public record FluentClientConfiguration(
        @Bindable(defaultValue = "30s") Duration requestTimeout,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "60s") Duration tokenExpirySkew,
        @Bindable(defaultValue = "C0121E,C0123E,C0128E") List<String> duplicateErrorCodes,
        @Bindable(defaultValue = "(?i)already exists") String duplicateMessagePattern,
        @Bindable(defaultValue = "(?i)(access token expired|invalid access token|invalid_token|S0040E)") String expiredTokenPattern,
        @Bindable(defaultValue = "C0003E,C0011E,S0002E,S0020E") List<String> transientErrorCodes) {

    public static final String PREFIX = "fluent";

    public FluentClientConfiguration {
        positive("request-timeout", requestTimeout);
        positive("connect-timeout", connectTimeout);
        if (tokenExpirySkew == null || tokenExpirySkew.isNegative()) {
            throw new ConfigurationException(PREFIX + ".token-expiry-skew must be zero or positive");
        }
        duplicateErrorCodes = List.copyOf(duplicateErrorCodes);
        transientErrorCodes = List.copyOf(transientErrorCodes);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException(PREFIX + "." + key + " must be a positive duration such as 30s");
        }
    }
}
